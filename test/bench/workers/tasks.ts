// Every task a load-generator process can run (see fleet.ts for the calling side).
import { httpTasks } from './http-load';
import { pacedTasks } from './paced-load';
import { repTasks } from './reps';
import { scoringTasks } from './scoring';
import { socketTasks } from './sockets';

export const tasks = { ...httpTasks, ...pacedTasks, ...socketTasks, ...repTasks, ...scoringTasks };
export type Tasks = typeof tasks;
