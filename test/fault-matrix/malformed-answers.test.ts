import { describe } from 'vitest';
import { faultMatrixTests } from './matrix-cases.js';

describe('fault matrix: answers that are not the API\'s', () => faultMatrixTests(['html502', 'html503', 'empty200', 'shapeless200']));
