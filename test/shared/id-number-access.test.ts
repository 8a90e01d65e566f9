import { describe, expect, it } from 'vitest';
import { seesFullIdNumbers } from '../../src-shared/domain/id-number-access';
import { ROLES } from '../../src-shared/domain/roles';

/** Who may export full ID numbers: those who see them in 申请书审核, the unit's and the department's reviewers. */
describe('seesFullIdNumbers', () => {
  it('allows the reviewers and nobody else', () => {
    expect(ROLES.filter(seesFullIdNumbers)).toEqual(['unitAdmin', 'deptAdmin']);
  });
});
