import fc from "fast-check";

// Input an attacker (or a broken client) might send: injection strings, control and
// text-direction characters, lone surrogates, wrong types, deep nesting, long strings.

export const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  '"; DROP TABLE "ApiKey"; --',
  "1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "../../../../etc/passwd",
  "\u0000",
  "name\u0000with nul",
  "%00",
  "\r\nSet-Cookie: ks_session=evil",
  "\u202egnp.exe",
  "\u2066isolate\u2069",
  "\ud800",
  "\udfff\ud800",
  "\uffff\ufffe",
  "𝕂𝕖𝕪 🔑",
  "Ω".repeat(5_000),
  " ",
  "",
  "__proto__",
  "constructor",
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ maxLength: 80 }),
);

function nested(depth: number, key: string | null): unknown {
  let value: unknown = "deep";
  for (let index = 0; index < depth; index += 1) value = key === null ? [value] : { [key]: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 30 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
  fc.integer({ min: 50, max: 1_500 }).map((depth) => nested(depth, null)),
  fc.integer({ min: 50, max: 600 }).map((depth) => nested(depth, "a")),
);

/** Bodies shaped like the operation's input (its field names) but filled with hostile values, or any JSON at all. */
export function hostileBody(fields: string[]): fc.Arbitrary<unknown> {
  const shaped = fields.length
    ? fc.record(Object.fromEntries(fields.map((field) => [field, hostileValue])), { requiredKeys: [] })
    : fc.dictionary(hostileString, hostileValue, { maxKeys: 3 });
  const withExtra = shaped.chain((body) => hostileString.map((key) => ({ ...(body as object), [key || "extra"]: "x" })));
  return fc.oneof({ weight: 4, arbitrary: shaped }, withExtra, fc.jsonValue({ maxDepth: 4 }), hostileValue);
}
