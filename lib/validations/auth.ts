import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_MESSAGE } from "./text";

export const PASSWORD_MIN = 12;

const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

export const signUpSchema = z.strictObject({
  email,
  password: z
    .string({ error: "Password is required." })
    .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
    .max(256, "Password must be at most 256 characters."),
  name: z.string().trim().max(100, "Name must be at most 100 characters.").refine(isSafeText, `Name ${UNSAFE_TEXT_MESSAGE}.`).optional(),
  /** The token of an invitation link (/sign-up?invitation=…). */
  invitation: z
    .string({ error: "invitation must be a string." })
    .regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid.")
    .optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.strictObject({
  email,
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(256, "Password is too long."),
});
export type SignInInput = z.infer<typeof signInSchema>;
