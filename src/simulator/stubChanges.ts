/**
 * Stubs added or removed at run time go in the state file like everything else a user did: each
 * change a command, committed through the world (applied by the registry, then kept), replayed the
 * same way at start, dropped by a reset (the files' stubs come back), and written by a compaction as
 * what differs from the files now.
 */
import { z } from 'zod';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../core/commands.js';
import type { World } from '../core/world.js';
import { parseStub } from '../stubs/loader.js';
import type { Stub, StubRegistry } from '../stubs/registry.js';
import type { StubDecl } from '../stubs/schema.js';

/** A stub added (as the admin API took it) or removed at run time. */
export const StubCommand = z.strictObject({ c: z.literal('stub'), action: z.enum(['add', 'remove']), id: z.string().min(1), decl: z.unknown().optional() });
type StubCommand = z.infer<typeof StubCommand>;

export class StubChanges implements StateSlice {
  readonly commands = { stub: commandDef(StubCommand, (c) => this.apply(c)) };

  constructor(
    private readonly world: World,
    readonly registry: StubRegistry,
  ) {
    world.use(this);
  }

  /** Adds a run-time stub (an id in force is replaced); kept in the state file. */
  add(id: string, decl: StubDecl): Stub {
    return this.world.commit({ c: 'stub', action: 'add', id, decl } as Command) as Stub;
  }

  /** Removes a stub until a reset (a file's or a run-time one); false if there is none of that id. */
  remove(id: string): boolean {
    if (!this.registry.get(id)) return false;
    this.world.commit({ c: 'stub', action: 'remove', id } as Command);
    return true;
  }

  private apply(command: StubCommand): Stub | undefined {
    if (command.action === 'remove') {
      this.registry.remove(command.id);
      return undefined;
    }
    // Validated when it was added; checked again, so a file edited by hand cannot smuggle one in.
    const { decl, problems } = parseStub(command.decl);
    if (!decl) throw new Error(`stub ${command.id}: ${problems.join('; ')}`);
    return this.registry.add(command.id, decl);
  }

  reset(): void {
    this.registry.reset();
  }

  liveBound(): number {
    return this.registry.size + this.registry.fileCount;
  }

  live(): RankedCommands[] {
    return [{ rank: 80, commands: this.registry.runtimeChanges().map((change) => ({ c: 'stub', ...change }) as Command) }];
  }
}
