import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { SuperiorDepartment } from '../../../src-shared/contracts';
import { useSession } from '../auth/session-context';
import styles from './UnitRegistration.module.css';

interface SuperiorSelectProps {
  id?: string;
  value?: string;
  onChange?(value: string | undefined): void;
  /** 单位类别 of the registration: a unit names a department, a department the 职改办 or a department. */
  kind: 'unit' | 'department';
  /** The superior already chosen (a resubmission), shown before any search answers. */
  initial?: { id: string; name: string } | null;
}

/** Waits this long after the last key before asking the server. */
const SEARCH_DELAY_MS = 250;

/** 上级主管部门: approved departments found on the server as one types, by name or credit code. */
export function SuperiorSelect({ id, value, onChange, kind, initial }: SuperiorSelectProps) {
  const call = useSession((s) => s.call);
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{ key: string; departments: SuperiorDepartment[] } | null>(null);
  const key = `${kind}\n${query}`;

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void call((api) => api.searchSuperiors({ kind, query })).then((result) => {
        if (live)
          setAnswer({ key: `${kind}\n${query}`, departments: result.ok ? result.value.departments : [] });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, kind, query]);

  const departments = answer?.departments ?? [];
  // Keep the chosen one among the options, so its name shows whatever the last search found.
  const chosen = departments.find((d) => d.id === value);
  const options = departments.map((d) => ({ value: d.id, label: d.name, creditCode: d.creditCode }));
  if (!chosen && value && initial?.id === value) {
    options.unshift({ value: initial.id, label: initial.name, creditCode: null });
  }

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      placeholder="请输入名称或统一社会信用代码搜索"
      showSearch={{ filterOption: false, onSearch: setQuery }}
      options={options}
      loading={answer?.key !== key}
      notFoundContent={answer?.key !== key ? <Spin size="small" /> : '未找到已审核通过的主管部门'}
      optionRender={(option) => (
        <div className={styles.superiorOption}>
          <span>{option.data.label}</span>
          {option.data.creditCode && <span className={styles.creditCode}>{option.data.creditCode}</span>}
        </div>
      )}
    />
  );
}
