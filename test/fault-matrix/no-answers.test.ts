import { describe } from 'vitest';
import { faultMatrixTests } from './matrix-cases.js';

describe('fault matrix: no answer', () => faultMatrixTests(['timeout', 'reset']));
