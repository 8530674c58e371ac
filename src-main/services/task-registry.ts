// Long tasks (imports, nests, streams) register here with an AbortController so `task.cancel` can stop them by id.
import { randomUUID } from 'node:crypto';

export class TaskRegistry {
  private readonly tasks = new Map<string, AbortController>();

  start(): { taskId: string; signal: AbortSignal; finish: () => void } {
    const taskId = randomUUID();
    const controller = new AbortController();
    this.tasks.set(taskId, controller);
    return { taskId, signal: controller.signal, finish: () => this.tasks.delete(taskId) };
  }

  cancel(taskId: string): boolean {
    const controller = this.tasks.get(taskId);
    if (!controller) return false;
    controller.abort();
    this.tasks.delete(taskId);
    return true;
  }
}
