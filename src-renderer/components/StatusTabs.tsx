import { Segmented } from 'antd';

interface StatusTabsProps<T extends string> {
  /**
   * What the group is, for screen readers: antd names every Segmented "segmented control" unless
   * told otherwise, which says nothing about what the tabs choose.
   */
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange(value: T): void;
}

/** A list's status tabs (待审核, 已通过, …, 全部): a radio group named by `label`, each tab by its text. */
export function StatusTabs<T extends string>({ label, options, value, onChange }: StatusTabsProps<T>) {
  return <Segmented<T> aria-label={label} options={options} value={value} onChange={onChange} />;
}
