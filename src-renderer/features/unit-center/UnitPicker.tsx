import { Select } from 'antd';
import type { UnitMembership } from '../../../src-shared/contracts';
import { UNIT_KIND_LABELS } from '../../../src-shared/domain/roles';
import { useSession } from '../auth/session-context';

/** For a person who administers several units: which unit's 单位中心 is open. */
export function UnitPicker({ units, value }: { units: readonly UnitMembership[]; value: string }) {
  const chooseUnit = useSession((s) => s.chooseUnit);
  return (
    <Select
      aria-label="当前单位"
      value={value}
      onChange={chooseUnit}
      style={{ minWidth: 240 }}
      options={units.map((m) => ({
        value: m.unitId,
        label: `${m.unitName}(${UNIT_KIND_LABELS[m.unitKind]})`,
      }))}
    />
  );
}
