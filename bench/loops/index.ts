/** Every plain-loop check the bench compares the engine with, by check id. */
import type { LoopCheck } from '../plain-world.js';
import { SECTION_1_2_LOOPS } from './section-1-2.js';
import { SECTION_3_8_LOOPS } from './section-3-8.js';

export const CIS_LOOP_CHECKS: LoopCheck[] = [...SECTION_1_2_LOOPS, ...SECTION_3_8_LOOPS];
