import { useId, type ReactNode } from 'react';

interface FieldBase {
  /** Visible label. */
  readonly label: string;
  /** Read by screen readers before the label, for fields repeated per row ("vCPU group 2"). */
  readonly context?: string | undefined;
  readonly unit?: string | undefined;
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

/** What a field gives its control: its id, and the attributes that tie it to the error or hint. */
interface ControlAttrs {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/** A labelled field: the label, the control `children` draws with `attrs`, then the error or the hint. */
function Field({ label, context, unit, error, hint, children }: FieldBase & { children: (attrs: ControlAttrs) => ReactNode }) {
  const id = useId();
  const helpId = `${id}-help`;
  const attrs: ControlAttrs = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error || hint ? helpId : undefined };
  return (
    <div className={error ? 'fz-field is-invalid' : 'fz-field'}>
      <Label htmlFor={id} label={label} context={context} unit={unit} />
      {children(attrs)}
      <Help id={helpId} error={error} hint={hint} />
    </div>
  );
}

export interface TextFieldProps extends FieldBase {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly inputMode?: 'numeric' | 'decimal';
  readonly placeholder?: string;
}

/** A text input for a number as typed (type="text", so a half-typed value is shown and explained). */
export function TextField({ value, onChange, inputMode = 'numeric', placeholder, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      {(attrs) => (
        <input
          {...attrs}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export interface SelectFieldProps<T extends string> extends FieldBase {
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string; readonly disabled?: boolean }[];
  readonly onChange: (value: T) => void;
}

export function SelectField<T extends string>({ value, options, onChange, ...field }: SelectFieldProps<T>) {
  return (
    <Field {...field}>
      {(attrs) => (
        <select {...attrs} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A text field's fixed part (label, unit, hint, ...), for the string key `name` of a form's values. */
export type TextSpec<K extends string> = Omit<TextFieldProps, 'value' | 'onChange' | 'error' | 'context'> & { readonly name: K };

export interface TextFieldsProps<K extends string> {
  readonly specs: readonly TextSpec<K>[];
  readonly values: Readonly<Record<K, string>>;
  /** The error of the field for key `name`, if any. */
  readonly errorOf: (name: K) => string | undefined;
  readonly onChange: (name: K, value: string) => void;
  readonly context?: string;
}

/** Text fields for some string keys of a form's values, in the order of `specs`. */
export function TextFields<K extends string>({ specs, values, errorOf, onChange, context }: TextFieldsProps<K>) {
  return specs.map(({ name, ...spec }) => (
    <TextField key={name} {...spec} context={context} value={values[name]} error={errorOf(name)} onChange={(v) => onChange(name, v)} />
  ));
}

/** One row of a list in the editor (a vCPU group, an intervention): its legend, its own error, its fields. */
export function EditorRow({ legend, error, children }: { legend: string; error: string | undefined; children: ReactNode }) {
  return (
    <fieldset className="fz-editor-row">
      <legend>{legend}</legend>
      {error ? <p className="fz-field-error">{error}</p> : null}
      {children}
    </fieldset>
  );
}
