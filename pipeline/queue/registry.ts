import type { Redis } from 'ioredis';
import { outputNameCandidates } from '../batch/index.js';

/**
 * verbali's own memory of a queue, beside BullMQ's jobs (which are removed
 * after a while): which output name each input key owns, every path seen with
 * the same bytes (the first is the record's `source.file`, the others its
 * aliases), and which keys have their record written. Small (a few hundred
 * bytes an input) and kept for good, so an input done months ago is still
 * skipped. Shared by every machine adding to or working for the queue.
 */
export class Registry {
  constructor(
    private readonly redis: Redis,
    private readonly queue: string,
  ) {}

  private key(part: string): string {
    return `verbali:${this.queue}:${part}`;
  }

  /**
   * Record `file` as a path of `key` and give the key its output name, the
   * local batch's way (`outputNameCandidates`): the first name nobody owns,
   * or owned by this key, or by the bytes this same path held before (a file
   * changed in place keeps its name). Atomic across machines (one Lua script).
   * Returns the name, whether `file` is new for the key, and how many paths it has.
   */
  async claim(key: string, file: string): Promise<{ name: string; newPath: boolean; paths: number }> {
    const [name, newPath, paths] = (await this.redis.eval(
      CLAIM,
      4,
      this.key('names'),
      this.key('keys'),
      this.key(`paths:${key}`),
      this.key('last-key-of-path'),
      key,
      file,
      ...outputNameCandidates(file, key),
    )) as [string, number, number];
    return { name, newPath: newPath === 1, paths };
  }

  /** Every path seen with the key's bytes, first one first. */
  paths(key: string): Promise<string[]> {
    return this.redis.lrange(this.key(`paths:${key}`), 0, -1);
  }

  /** The output name of a key whose record is written, if it is. */
  async done(key: string): Promise<string | null> {
    return this.redis.hget(this.key('done'), key);
  }

  async markDone(key: string, name: string): Promise<void> {
    await this.redis.hset(this.key('done'), key, name);
  }

  /** Forget that a key is done (`queue add --force`). */
  async forget(key: string): Promise<void> {
    await this.redis.hdel(this.key('done'), key);
  }

  /** Remove every verbali key of this queue (tests; `queue add` never does). */
  async clear(): Promise<void> {
    const keys = await this.redis.keys(this.key('*'));
    if (keys.length) await this.redis.del(...keys);
  }
}

// KEYS: names (name → key), keys (key → name), paths of this key (list), last key seen at each path.
// ARGV: key, file, then the name candidates, the last taken when all others are owned.
const CLAIM = `
local key, file = ARGV[1], ARGV[2]
local name = redis.call('HGET', KEYS[2], key)
if not name then
  local previous = redis.call('HGET', KEYS[4], file)
  for i = 3, #ARGV - 1 do
    local owner = redis.call('HGET', KEYS[1], ARGV[i])
    if (not owner) or owner == key or owner == previous then
      name = ARGV[i]
      break
    end
  end
  name = name or ARGV[#ARGV]
  redis.call('HSET', KEYS[1], name, key)
  redis.call('HSET', KEYS[2], key, name)
end
redis.call('HSET', KEYS[4], file, key)
local fresh = 1
for _, p in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
  if p == file then fresh = 0 end
end
if fresh == 1 then redis.call('RPUSH', KEYS[3], file) end
return {name, fresh, redis.call('LLEN', KEYS[3])}
`;
