export const dynamic = "force-dynamic";

/** The cheapest possible route handler: the benchmark's baseline for Next.js itself. */
export function GET() {
  return Response.json({ ok: true });
}
