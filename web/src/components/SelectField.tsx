// A labelled drop-down on one line. The label is tied by id rather than wrapped around the
// select, so its accessible name is the label alone — not the label plus every option.
import { useId } from 'react';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

export function SelectField({ label, name, value, onChange, children }: Props) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)}>{children}</select>
    </div>
  );
}
