import { h } from '../web/jsx.js';
import { Layout } from '../web/components/layout.js';

type Doc = {
  info: { title: string };
  paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; security?: unknown }>>;
};

/** A readable list of the JSON API, rendered from the same OpenAPI document apps download. */
export function renderApiDocs(doc: Doc, devTools: boolean) {
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <Layout title="راهنمای API" devTools={devTools} narrow={false}>
      <h1>راهنمای API</h1>
      <p>
        همه مراحل صفحه‌ها از راه این API نیز در دسترس است. توصیف کامل (OpenAPI 3.1):{' '}
        <a href="/api/openapi.json" dir="ltr">
          /api/openapi.json
        </a>
      </p>
      <div class="table-wrap">
        <table class="table" dir="ltr">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Summary</th>
              <th scope="col">Body</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <code>{r.method}</code>
                </td>
                <td>
                  <code>{r.path}</code>
                </td>
                <td>{r.op.summary ?? ''}</td>
                <td>
                  {r.op.requestBody ? (
                    <details>
                      <summary>schema</summary>
                      <pre>
                        {JSON.stringify(
                          (r.op.requestBody as { content: { 'application/json': { schema: unknown } } }).content[
                            'application/json'
                          ].schema,
                          null,
                          2,
                        )}
                      </pre>
                    </details>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
