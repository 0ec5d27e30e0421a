import { describe, it, expect } from 'vitest';
import { isRun } from '../../../shared/domain/workout.js';

describe('isRun', () => {
  it('counts road, trail and treadmill runs, not rides, walks or strength work', () => {
    for (const sport of ['Run', 'TrailRun', 'VirtualRun']) expect(isRun({ sport }), sport).toBe(true);
    for (const sport of ['Ride', 'Walk', 'Hike', 'WeightTraining', 'run', '']) expect(isRun({ sport }), sport).toBe(false);
  });
});
