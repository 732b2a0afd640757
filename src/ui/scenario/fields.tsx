import { useId, type ReactNode } from 'react';

interface FieldBase {
  /** Visible label. */
  readonly label: string;
  /** Read by screen readers before the label, for fields repeated per row ("vCPU group 2"). */
  readonly context?: string;
  readonly unit?: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
}

function Label({
  htmlFor,
  label,
  context,
  unit,
}: {
  htmlFor: string;
  label: string;
  context?: string | undefined;
  unit?: string | undefined;
}) {
  return (
    <label htmlFor={htmlFor}>
      {context ? <span className="fz-sr-only">{context} </span> : null}
      {label}
      {unit ? <span className="fz-muted"> ({unit})</span> : null}
    </label>
  );
}

function Help({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }): ReactNode {
  if (error) {
    return (
      <p id={id} className="fz-field-error">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={id} className="fz-field-hint fz-muted">
      {hint}
    </p>
  ) : null;
}

export interface TextFieldProps extends FieldBase {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly inputMode?: 'numeric' | 'decimal';
  readonly placeholder?: string;
}

/** A text input for a number as typed (type="text", so a half-typed value is shown and explained). */
export function TextField({ label, context, unit, error, hint, value, onChange, inputMode = 'numeric', placeholder }: TextFieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={error ? 'fz-field is-invalid' : 'fz-field'}>
      <Label htmlFor={id} label={label} context={context} unit={unit} />
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? helpId : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <Help id={helpId} error={error} hint={hint} />
    </div>
  );
}

export interface SelectFieldProps<T extends string> extends FieldBase {
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string; readonly disabled?: boolean }[];
  readonly onChange: (value: T) => void;
}

export function SelectField<T extends string>({ label, context, unit, error, hint, value, options, onChange }: SelectFieldProps<T>) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={error ? 'fz-field is-invalid' : 'fz-field'}>
      <Label htmlFor={id} label={label} context={context} unit={unit} />
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? helpId : undefined}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <Help id={helpId} error={error} hint={hint} />
    </div>
  );
}
