/**
 * An SDK middleware that counts every S3/DynamoDB call of a client by operation and outcome, and
 * times it (retries included): the AWS half of the server's metrics. Sees operation names only,
 * never parameters, keys or credentials.
 */
import type { InitializeMiddleware, MiddlewareStack } from "@aws-sdk/types";
import { awsOutcome, metrics } from "@/lib/observability/metrics";

export function addCallMetrics<I extends object, O extends object>(client: { middlewareStack: MiddlewareStack<I, O> }, service: "s3" | "dynamodb"): void {
  const middleware: InitializeMiddleware<I, O> = (next, context) => async (args) => {
      const operation = (context.commandName ?? "unknown").replace(/Command$/, "");
      const t0 = process.hrtime.bigint();
      let failure: unknown;
      try {
        return await next(args);
      } catch (err) {
        failure = err ?? new Error("unknown");
        throw err;
      } finally {
        const m = metrics();
        m.awsCalls.inc({ service, operation, outcome: awsOutcome(failure) });
        m.awsDuration.observe({ service, operation }, Number(process.hrtime.bigint() - t0) / 1e9);
      }
    };
  client.middlewareStack.add(middleware, { step: "initialize", name: "statehouseCallMetrics", override: true });
}
