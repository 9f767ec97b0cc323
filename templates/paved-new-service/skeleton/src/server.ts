import { createServer } from 'node:http';
import { health } from './health.ts';

// The connection string of the environment's database comes from the environment
// (see docs/index.md); the service starts without one so it can be tried anywhere.
const port = Number(process.env.PORT ?? 8080);

createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(health(process.env)));
    return;
  }
  res.writeHead(404).end();
}).listen(port, () => {
  console.log(`${{ values.name }} listening on http://localhost:${port}`);
});
