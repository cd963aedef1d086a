import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeText } from "@/lib/validations/text";
import { createKeySchema, orgScopeSchema } from "@/lib/validations/keys";
import { projectBodySchema } from "@/lib/validations/projects";
import { createRegistrySchema } from "@/lib/validations/registries";

const UNSAFE = [
  "\ud800",
  "\udfff",
  "\u0000",
  "\u0007",
  "\n",
  "\u007f",
  "\u0085",
  "\u061c",
  "\u200e",
  "\u200f",
  "\u2028",
  "\u202e",
  "\u2066",
  "\u2069",
];

describe("isSafeText", () => {
  it("accepts ordinary text in any script, emoji and injection-looking strings", () => {
    for (const text of [
      "Deploy bot",
      "Ünïcødé",
      "日本語のキー",
      "مفتاح",
      "🔑 key",
      '\'; DROP TABLE "ApiKey"; --',
      "<script>alert(1)</script>",
      "pair \ud83d\udd11 ok",
    ]) {
      expect(isSafeText(text), text).toBe(true);
    }
  });

  it("refuses control and text-direction characters wherever they are", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...UNSAFE), fc.string(), (before, unsafe, after) => !isSafeText(before + unsafe + after)),
    );
  });

  it("is what key, registry and project names and catalogue-scope descriptions are checked with", () => {
    const name = "invoice\u202eexe.pdf";
    expect(createKeySchema.safeParse({ name }).error?.issues[0]?.message).toBe(
      "Name must not contain control, text-direction or invalid characters.",
    );
    expect(createRegistrySchema.safeParse({ url: "x.example", name }).success).toBe(false);
    for (const unsafe of UNSAFE) {
      expect(projectBodySchema.safeParse({ name: `Storefront${unsafe}EU` }).error?.issues[0]?.path, JSON.stringify(unsafe)).toEqual([
        "name",
      ]);
      expect(
        orgScopeSchema.safeParse({ name: "reports:read", description: `Read${unsafe}reports` }).error?.issues[0]?.path,
        JSON.stringify(unsafe),
      ).toEqual(["description"]);
    }
    expect(projectBodySchema.parse({ name: "  Storefront EU 🛒 " })).toEqual({ name: "Storefront EU 🛒" });
  });
});
