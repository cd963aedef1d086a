/**
 * A CSV download streamed batch by batch (the audit trail, the verification log): an export never
 * holds the whole table in memory. `name` gets the day appended: `<name>-YYYY-MM-DD.csv`.
 */
export function csvDownload<Row>(
  batches: AsyncGenerator<Row[]>,
  csv: { header: () => string; rows: (rows: Row[]) => string },
  name: string,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csv.header()));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csv.rows(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
