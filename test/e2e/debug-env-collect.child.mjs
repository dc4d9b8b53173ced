// Child process of debug-env-secrets.test.ts: DEBUG and NODE_DEBUG are read when a logger loads
// (NODE_DEBUG when node starts), so only a fresh process shows what they print. Vite's SSR loader
// compiles the TypeScript sources; the clients load from node_modules as in production.
import { createServer } from 'vite';

const server = await createServer({
  root: process.env.ASSAY_ROOT,
  configFile: false,
  logLevel: 'silent',
  server: { middlewareMode: true, hmr: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { collectAlibaba } = await server.ssrLoadModule('/connectors/alibaba/index.ts');
  const { stats } = await collectAlibaba({
    endpoint: process.env.EMULATOR_URL,
    credentials: { roleArn: process.env.ROLE_ARN },
    regions: ['cn-hangzhou'],
    products: ['oss', 'cs', 'sls', 'ram'],
    env: process.env,
  });
  process.stdout.write(JSON.stringify({ calls: stats.calls, gaps: stats.gaps }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: { code: error.code, message: error.message } }));
} finally {
  await server.close();
}
