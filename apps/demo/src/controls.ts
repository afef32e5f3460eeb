// Labelled controls that work from the keyboard: a number with a slider, a choice, a text area.
// Invalid input shows a message beside the field and is not passed on; nothing throws.

export interface NumberSpec {
  readonly key: string;
  readonly label: string;
  readonly unit?: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** extra check; return a message when the value is not allowed */
  readonly check?: (v: number) => string | null;
}

export interface Control<T> {
  readonly el: HTMLElement;
  value(): T;
  set(v: T): void;
  /** show or clear a message beside the field */
  error(message: string | null): void;
}

let counter = 0;

/** A number control: slider and number field kept in step; `onChange` gets valid values only. */
export function numberControl(parent: HTMLElement, spec: NumberSpec, onChange: (v: number) => void): Control<number> {
  const id = `c-${spec.key}-${++counter}`;
  const el = document.createElement('div');
  el.className = 'control';
  el.innerHTML = `<label for="${id}">${spec.label}${spec.unit ? ` <span class="unit">(${spec.unit})</span>` : ''}</label>
    <div class="row"><input type="range" aria-label="${spec.label} slider" min="${spec.min}" max="${spec.max}" step="${spec.step}">
    <input type="number" id="${id}" data-key="${spec.key}" step="any"></div><div class="error" role="alert" aria-live="polite"></div>`;
  parent.append(el);
  const range = el.querySelector('input[type=range]') as HTMLInputElement, field = el.querySelector('input[type=number]') as HTMLInputElement;
  const message = el.querySelector('.error') as HTMLElement;
  let current = spec.value;
  range.value = field.value = String(spec.value);
  const error = (m: string | null) => { message.textContent = m ?? ''; field.setAttribute('aria-invalid', m ? 'true' : 'false'); };
  const accept = (raw: string, from: 'range' | 'field') => {
    const v = raw.trim() === '' ? NaN : Number(raw);
    const problem = !Number.isFinite(v) ? `${spec.label} must be a number` : spec.check?.(v) ?? null;
    error(problem);
    if (problem) return;
    current = v;
    if (from === 'range') field.value = String(v); else range.value = String(Math.min(spec.max, Math.max(spec.min, v)));
    onChange(v);
  };
  range.addEventListener('input', () => accept(range.value, 'range'));
  field.addEventListener('input', () => accept(field.value, 'field'));
  return { el, value: () => current, set: (v) => { current = v; range.value = field.value = String(v); error(null); }, error };
}

/** A choice among labelled options. */
export function choiceControl<T extends string>(parent: HTMLElement, key: string, label: string, options: readonly (readonly [T, string])[], value: T, onChange: (v: T) => void): Control<T> {
  const id = `c-${key}-${++counter}`;
  const el = document.createElement('div');
  el.className = 'control';
  el.innerHTML = `<label for="${id}">${label}</label><select id="${id}" data-key="${key}">${options.map(([v, text]) => `<option value="${v}">${text}</option>`).join('')}</select><div class="error" role="alert"></div>`;
  parent.append(el);
  const select = el.querySelector('select') as HTMLSelectElement;
  select.value = value;
  select.addEventListener('change', () => onChange(select.value as T));
  const message = el.querySelector('.error') as HTMLElement;
  return { el, value: () => select.value as T, set: (v) => { select.value = v; }, error: (m) => { message.textContent = m ?? ''; } };
}

/** A text area (e.g. a matrix), validated by `parse` (which returns a value or throws with a message). */
export function textControl<T>(parent: HTMLElement, key: string, label: string, text: string, parse: (s: string) => T, onChange: (v: T, text: string) => void): Control<string> {
  const id = `c-${key}-${++counter}`;
  const el = document.createElement('div');
  el.className = 'control';
  el.innerHTML = `<label for="${id}">${label}</label><textarea id="${id}" data-key="${key}" rows="3" spellcheck="false"></textarea><div class="error" role="alert" aria-live="polite"></div>`;
  parent.append(el);
  const area = el.querySelector('textarea') as HTMLTextAreaElement, message = el.querySelector('.error') as HTMLElement;
  area.value = text;
  const error = (m: string | null) => { message.textContent = m ?? ''; area.setAttribute('aria-invalid', m ? 'true' : 'false'); };
  area.addEventListener('input', () => {
    let v: T;
    try { v = parse(area.value); } catch (e) { error(e instanceof Error ? e.message : String(e)); return; }
    error(null);
    onChange(v, area.value);
  });
  return { el, value: () => area.value, set: (s) => { area.value = s; error(null); }, error };
}

/** A row of labelled read-outs; returns a setter per key. */
export function readouts(parent: HTMLElement, items: readonly (readonly [string, string])[]): Record<string, (text: string) => void> {
  const box = document.createElement('div');
  box.className = 'readouts';
  parent.append(box);
  const out: Record<string, (text: string) => void> = {};
  for (const [key, label] of items) {
    const el = document.createElement('div');
    el.className = 'readout';
    el.innerHTML = `<div class="k">${label}</div><div class="v" data-readout="${key}">—</div>`;
    box.append(el);
    const v = el.querySelector('.v') as HTMLElement;
    out[key] = (text) => { v.textContent = text; };
  }
  return out;
}

/** A short status line (messages, regimes in words). */
export function statusLine(parent: HTMLElement): (text: string, kind?: 'bad' | 'good' | '') => void {
  const p = document.createElement('p');
  p.className = 'message';
  p.setAttribute('aria-live', 'polite');
  parent.append(p);
  return (text, kind = '') => { p.textContent = text; p.className = `message ${kind}`; };
}
