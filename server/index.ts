import { readConfig } from './config';
import { startServer } from './start-server';

/** `npm start`: wiring only. */
const server = await startServer(readConfig());
const shutdown = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
