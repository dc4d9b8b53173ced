/** Plain-loop equivalents of the CIS Alibaba v2.0.0 checks of sections 1–2. */
import type { LoopCheck } from '../plain-world.js';

export const SECTION_1_2_LOOPS: LoopCheck[] = [];
