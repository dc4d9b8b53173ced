import { describe } from 'vitest';
import { faultMatrixTests } from './matrix-cases.js';

describe('fault matrix: error answers', () => faultMatrixTests(['deny', 'error500', 'throttle']));
