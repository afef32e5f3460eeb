/**
 * Exact rational numbers on BigInt, for exact-decimal checks of hand computations (seed 004's
 * forward pass, gradients and update are finite decimals). Immutable; always in lowest terms with a
 * positive denominator.
 * @category Exact arithmetic
 */
export class Rational {
  /** numerator, carrying the sign; 0n for zero. */
  readonly num: bigint;
  /** denominator, > 0n and coprime to `num` (1n for integers and zero). */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new RangeError('Rational: division by zero');
    if (den < 0n) { num = -num; den = -den; }
    const g = gcd(num < 0n ? -num : num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  /** num/den from integers (bigint or integer number), reduced; RangeError for a non-integer or a zero `den`. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const toBig = (v: bigint | number, what: string) => {
      if (typeof v === 'bigint') return v;
      if (!Number.isInteger(v)) throw new RangeError(`Rational.of: ${what} must be an integer; got ${v}`);
      return BigInt(v);
    };
    return new Rational(toBig(num, 'num'), toBig(den, 'den'));
  }

  /**
   * From a decimal string ('1.3', '-0.01', '2.5e-3') or a finite number, read as the shortest decimal
   * that prints as that double (so 1.3 is 13/10, the value written in the document, not the binary double).
   */
  static from(v: number | string | bigint | Rational): Rational {
    if (v instanceof Rational) return v;
    if (typeof v === 'bigint') return new Rational(v, 1n);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`Rational.from: value must be finite; got ${v}`);
    const s = String(v).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new TypeError(`Rational.from: not a decimal number: '${s}'`);
    const digits = BigInt((m[2] || '0') + (m[3] ?? ''));
    const exp = (m[4] ? Number(m[4]) : 0) - (m[3] ?? '').length;
    let num = m[1] === '-' ? -digits : digits;
    let den = 1n;
    if (exp >= 0) num *= 10n ** BigInt(exp); else den = 10n ** BigInt(-exp);
    return new Rational(num, den);
  }

  /** this + o (a number `o` is read as its shortest decimal, as in `Rational.from`). */
  add(o: Rational | number): Rational { const b = Rational.from(o); return new Rational(this.num * b.den + b.num * this.den, this.den * b.den); }
  /** this − o. */
  sub(o: Rational | number): Rational { const b = Rational.from(o); return new Rational(this.num * b.den - b.num * this.den, this.den * b.den); }
  /** this · o. */
  mul(o: Rational | number): Rational { const b = Rational.from(o); return new Rational(this.num * b.num, this.den * b.den); }
  /** this / o; RangeError when o is zero. */
  div(o: Rational | number): Rational {
    const b = Rational.from(o);
    if (b.num === 0n) throw new RangeError('Rational: division by zero');
    return new Rational(this.num * b.den, this.den * b.num);
  }
  /** −this. */
  neg(): Rational { return new Rational(-this.num, this.den); }
  /** −1, 0 or +1 as the value is negative, zero or positive. */
  sign(): -1 | 0 | 1 { return this.num > 0n ? 1 : this.num < 0n ? -1 : 0; }
  /** Sign of this − o: −1 when this < o, 0 when equal, +1 when this > o. */
  cmp(o: Rational | number): -1 | 0 | 1 { return this.sub(o).sign(); }
  /** Whether the two values are equal (exactly; 13/10 equals 1.3, which is read as its decimal). */
  equals(o: Rational | number): boolean { return this.cmp(o) === 0; }
  /**
   * The double nearest to the value (via a 17-significant-digit decimal: exact to the last bit for
   * ordinary magnitudes; the decimal is produced with enough fraction digits for any |value| ≥ 1e-300).
   */
  toNumber(): number {
    if (this.num === 0n) return 0;
    // scale so that the quotient has ≥ 20 significant digits, then let Number() round
    const a = this.num < 0n ? -this.num : this.num;
    const shift = Math.max(0, this.den.toString().length - a.toString().length + 20);
    const q = (a * 10n ** BigInt(shift)) / this.den;
    const v = Number(`${q}e-${shift}`);
    return this.num < 0n ? -v : v;
  }

  /** True when the decimal expansion terminates (the reduced denominator is 2^a 5^b). */
  isFiniteDecimal(): boolean {
    let d = this.den;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /**
   * Decimal expansion: exact when it terminates within `maxDigits` fraction digits, otherwise
   * truncated to `maxDigits` digits followed by '…'.
   */
  toDecimal(maxDigits = 60): string {
    const neg = this.num < 0n;
    let n = neg ? -this.num : this.num;
    const ip = n / this.den;
    n %= this.den;
    let frac = '';
    while (n !== 0n && frac.length < maxDigits) { n *= 10n; frac += (n / this.den).toString(); n %= this.den; }
    const s = ip.toString() + (frac ? `.${frac}` : '') + (n !== 0n ? '…' : '');
    return neg ? `-${s}` : s;
  }

  /** The exact decimal when it terminates (up to 1000 fraction digits), else `num/den`. */
  toString(): string { return this.isFiniteDecimal() ? this.toDecimal(1000) : `${this.num}/${this.den}`; }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) { const t = a % b; a = b; b = t; }
  return a;
}

/**
 * Bisection in exact arithmetic: a root of a continuous f on [lo, hi] with f(lo)·f(hi) < 0, to an
 * interval of width ≤ 10^−digits. Returns the final bracket. Throws when the signs do not differ.
 * @category Exact arithmetic
 */
export function bisectExact(f: (x: Rational) => Rational, lo: Rational, hi: Rational, digits = 30): {
  /** left end of the final bracket (equal to `hi` when a midpoint is an exact root). */
  lo: Rational;
  /** right end of the final bracket; hi − lo ≤ 10^−digits. */
  hi: Rational;
} {
  if (typeof f !== 'function') throw new TypeError(`f must be a function (x: Rational) => Rational; got ${typeof f}`);
  if (!(lo instanceof Rational) || !(hi instanceof Rational)) throw new TypeError('lo and hi must be Rationals (Rational.from(…))');
  // each digit costs ≈ 3.3 halvings on ever longer BigInts: 1000 digits is seconds, far beyond any check
  if (!Number.isInteger(digits) || digits < 1 || digits > 1000) throw new RangeError(`digits must be an integer in [1, 1000]; got ${String(digits)}`);
  let flo = f(lo).sign();
  const fhi = f(hi).sign();
  if (flo === 0) return { lo, hi: lo };
  if (fhi === 0) return { lo: hi, hi };
  if (flo === fhi) throw new RangeError(`bisectExact: f(lo) and f(hi) must have opposite signs; got ${flo} and ${fhi}`);
  const width = Rational.of(1n, 10n ** BigInt(digits));
  let a = lo, b = hi;
  for (let it = 0; it < 10 * digits + 200 && b.sub(a).cmp(width) > 0; it++) {
    const mid = a.add(b).div(2);
    const fm = f(mid).sign();
    if (fm === 0) return { lo: mid, hi: mid };
    if (fm === flo) { a = mid; flo = fm; } else b = mid;
  }
  return { lo: a, hi: b };
}
