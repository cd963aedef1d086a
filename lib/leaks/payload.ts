import { z } from "zod";

// The body GitHub's secret-scanning partner program posts: one or more matches.
//   [{ "token": "ks_live_sk_…", "type": "keysmith_api_key", "url": "https://github.com/…", "source": "content" }]

export const LEAK_REPORT_MAX_MATCHES = 100;

export const leakReportSchema = z
  .array(
    z.object({
      token: z.string({ error: "token must be a string." }).min(1, "token must not be empty.").max(1024, "token is too long."),
      type: z.string({ error: "type must be a string." }).max(200, "type is too long."),
      url: z.string({ error: "url must be a string." }).max(2048, "url is too long.").optional(),
      source: z.string({ error: "source must be a string." }).max(100, "source is too long.").optional(),
    }),
    { error: "The body must be a list of matches." },
  )
  .min(1, "The report lists no matches.")
  .max(LEAK_REPORT_MAX_MATCHES, `At most ${LEAK_REPORT_MAX_MATCHES} matches per report.`);

export type LeakReport = z.infer<typeof leakReportSchema>;

/** The answer GitHub reads as feedback: each match labelled, identified by the SHA-256 of the token (never the token itself). */
export const leakFeedbackSchema = z.array(
  z.object({ token_hash: z.string(), token_type: z.string(), label: z.enum(["true_positive", "false_positive"]) }),
);
export type LeakFeedback = z.infer<typeof leakFeedbackSchema>;
