import { expect, it } from 'vitest';
import { version } from '@neurobridge/core';
it('resolves core from source', () => { expect(version).toBe('0.1.0'); });
