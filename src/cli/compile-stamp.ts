/**
 * The stamp of the last successful `pdb compile`: the command line, the environment, and the size
 * and times of every file it could have read (the project folder, pdb's own code and package),
 * of the manifest, and which compiled files it left. When all of them are still the same, the
 * artifacts in target/ are what a compile would leave again, so bin/pdb.js replays the command's output without
 * loading the CLI (make's rule, with nanosecond times and inode changes instead of dates).
 *
 * This file imports nothing but Node's built-ins (the atomic write, only when a stamp is written):
 * bin/pdb.js loads it alone, before the bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';

/** Bump when what the stamp records changes. */
const STAMP_FORMAT = 2;

/** Folders walked for inputs: every file below, but hidden entries, node_modules and the excluded folders. */
interface WalkRoot {
  readonly dir: string;
  readonly exclude: readonly string[];
}

interface Stamp {
  readonly format: number;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: string;
  readonly roots: readonly WalkRoot[];
  /** Single files read from outside the walked folders (absent ones too: creating one matters). */
  readonly files: readonly string[];
  /** Path -> signature of every input. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The compiled files (path -> '') and the manifest (path -> signature). */
  readonly outputDir: string;
  readonly manifest: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** What the command wrote, in order; `{seconds}` stands for its time. */
  readonly output: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string }[];
}

export const SECONDS_PLACEHOLDER = '{seconds}';

export const stampFile = (projectDir: string, targetPath: string): string => path.join(projectDir, targetPath, 'cache', 'compile-stamp.json');

/** Size, modification and change time (ns) and inode: a rewrite of the same length is still seen. */
function signature(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.isDirectory() ? 'd' : 'f'}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** Every file under a root with its signature; `signed` false: the paths only (each already checked). */
function walk(root: WalkRoot, into: Record<string, string>, signed = true): void {
  const excluded = new Set(root.exclude.map((e) => path.resolve(e)));
  const visit = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      into[dir] = 'unreadable';
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path.join(dir, entry.name);
      if (excluded.has(child)) continue;
      // Listing only, a plain file or folder needs no stat: its entry says what it is.
      const sig = signed || !(entry.isFile() || entry.isDirectory()) ? signature(child) : entry.isDirectory() ? 'd:' : '';
      if (sig === undefined) continue;
      // A symbolic link to a folder is followed, as the project reader does, up to a depth.
      if (sig.startsWith('d:')) {
        if (depth < 40) visit(child, depth + 1);
      } else {
        into[child] = signed ? sig : '';
      }
    }
  };
  const top = signature(root.dir);
  if (top === undefined) into[root.dir] = 'missing';
  else visit(root.dir, 0);
}

function inputsOf(roots: readonly WalkRoot[], files: readonly string[], signed = true): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const root of roots) walk(root, inputs, signed);
  for (const file of files) inputs[file] = signed ? (signature(file) ?? 'missing') : '';
  return inputs;
}

/**
 * The manifest's signature and the compiled files present. Their contents are not signed: a full
 * compile does not read back a compiled file whose checksum its cache knows either, so a file
 * edited by hand is left as it is by both (a deleted one is written again by both).
 */
function outputsOf(outputDir: string, manifest: string, signed = true): Record<string, string> {
  const outputs: Record<string, string> = {};
  walk({ dir: outputDir, exclude: [] }, outputs, false);
  outputs[manifest] = signed ? (signature(manifest) ?? 'missing') : '';
  return outputs;
}

/**
 * Whether every recorded file still has its signature (stopping at the first that does not: an
 * edit is the usual change), and the folders hold no other file (one added since).
 */
function unchanged(recorded: Readonly<Record<string, string>>, list: () => Record<string, string>): boolean {
  for (const [file, sig] of Object.entries(recorded)) if (sig !== 'unreadable' && sig !== '' && (signature(file) ?? 'missing') !== sig) return false;
  const listed = Object.keys(list());
  return listed.length === Object.keys(recorded).length && listed.every((file) => Object.hasOwn(recorded, file));
}

/**
 * The environment as a digest: env_var() and profiles.yml may read any variable. But `_`, which
 * the shell sets to the path of the program it starts (node, time, npx), so differs between two
 * ways of running the same command.
 */
function envDigest(env: Readonly<Record<string, string | undefined>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(env).sort()) if (name !== '_' && env[name] !== undefined) hash.update(`${name}=${env[name]}\0`);
  return hash.digest('hex');
}

/** pdb's own code and built-in package: a new build of pdb must compile again. */
export function pdbRoots(pdbRoot: string): { roots: WalkRoot[]; files: string[] } {
  const src = path.join(pdbRoot, 'dist', 'src');
  let bundleFiles: string[] = [];
  try {
    bundleFiles = readdirSync(src).filter((f) => f.startsWith('pdb-cli')).map((f) => path.join(src, f));
  } catch {
    bundleFiles = [];
  }
  return {
    roots: [
      { dir: path.join(pdbRoot, 'core'), exclude: [] },
      { dir: path.join(pdbRoot, 'dist', 'core'), exclude: [] },
    ],
    files: [path.join(pdbRoot, 'package.json'), ...bundleFiles],
  };
}

export interface StampInput {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly projectDir: string;
  readonly targetPath: string;
  readonly targetName: string;
  readonly pdbRoot: string;
  /** Files read from outside the project folder (a profiles.yml or mapping elsewhere). */
  readonly extraFiles: readonly string[];
  /** Model, macro, test or plugin folders outside the project folder. */
  readonly extraFolders: readonly string[];
  /** `Date.now()` when the command started: a file changed since may not have been read as it is now. */
  readonly startedAtMs: number;
  readonly output: Stamp['output'];
}

/** Records a successful compile; nothing when an input changed while it ran. */
export async function writeCompileStamp(input: StampInput): Promise<void> {
  const target = path.resolve(input.projectDir, input.targetPath);
  const pdb = pdbRoots(input.pdbRoot);
  const roots: WalkRoot[] = [{ dir: input.projectDir, exclude: [target] }, ...input.extraFolders.map((dir) => ({ dir, exclude: [target] })), ...pdb.roots];
  const files = [...pdb.files, ...input.extraFiles, path.join(input.projectDir, 'node_modules', '.package-lock.json')];
  const inputs = inputsOf(roots, files);
  // Racy files: changed during the compile (or in the same clock tick as its start).
  const startedNs = BigInt(Math.floor(input.startedAtMs) - 5) * 1_000_000n;
  for (const sig of Object.values(inputs)) {
    const parts = sig.split(':');
    if (parts.length === 5 && (BigInt(parts[2]!) >= startedNs || BigInt(parts[3]!) >= startedNs)) return;
  }
  const outputDir = path.join(target, 'compiled', input.targetName);
  const manifest = path.join(target, 'manifest.json');
  const stamp: Stamp = { format: STAMP_FORMAT, argv: input.argv, cwd: input.cwd, env: envDigest(input.env), roots, files, inputs: newestFirst(inputs), outputDir, manifest, outputs: outputsOf(outputDir, manifest), output: input.output };
  const { writeFileAtomic } = await import('../artifacts/write-file-atomic.js');
  await writeFileAtomic(stampFile(input.projectDir, input.targetPath), JSON.stringify(stamp), { skipUnchanged: false });
}

/**
 * The inputs, the most recently changed first: the file edited last is the likeliest to be edited
 * again, and the check of the next compile stops at the first change it finds.
 */
function newestFirst(inputs: Readonly<Record<string, string>>): Record<string, string> {
  const changed = (sig: string): bigint => (/^[df]:/.test(sig) ? BigInt(sig.split(':')[3]!) : 0n);
  const keyed = Object.entries(inputs).map(([file, sig]) => ({ file, sig, at: changed(sig) }));
  keyed.sort((a, b) => (b.at > a.at ? 1 : b.at < a.at ? -1 : 0));
  return Object.fromEntries(keyed.map(({ file, sig }) => [file, sig]));
}

/** The project folder and target path a compile command line names, as the CLI resolves them. */
function projectOf(argv: readonly string[], cwd: string): { dir: string; targetPath: string } | undefined {
  let dir = '.';
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--project-dir') dir = argv[i + 1] ?? '.';
    else if (arg.startsWith('--project-dir=')) dir = arg.slice('--project-dir='.length);
  }
  const projectDir = path.resolve(cwd, dir);
  let text: string;
  try {
    text = readFileSync(path.join(projectDir, 'project.yml'), 'utf8');
  } catch {
    return undefined;
  }
  // A guess at target-path is safe: project.yml is an input, so a wrong guess finds no stamp.
  const match = /^target-path:\s*['"]?([^'"#\s]+)/m.exec(text);
  return { dir: projectDir, targetPath: match?.[1] ?? 'target' };
}

/** Whether a command line may be answered from a stamp: compile, without flags that read other state. */
export function stampable(argv: readonly string[]): boolean {
  return argv[0] === 'compile' && !argv.some((a) => a === '--no-cache' || a === '--state' || a.startsWith('--state=') || a === '--help' || a === '-h');
}

/**
 * If the last compile's stamp still holds for this command line, writes its output again and
 * returns true; otherwise false (the caller compiles). Never throws.
 */
export function replayCompileStamp(argv: readonly string[], options: { cwd: string; env: Readonly<Record<string, string | undefined>>; pdbRoot: string; startedAtMs: number; write: (stream: 'stdout' | 'stderr', text: string) => void }): boolean {
  try {
    if (!stampable(argv)) return false;
    const project = projectOf(argv, options.cwd);
    if (project === undefined) return false;
    const file = stampFile(project.dir, project.targetPath);
    if (!existsSync(file)) return false;
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    if (stamp.format !== STAMP_FORMAT || stamp.cwd !== options.cwd || JSON.stringify(stamp.argv) !== JSON.stringify(argv)) return false;
    if (stamp.env !== envDigest(options.env)) return false;
    const pdb = pdbRoots(options.pdbRoot);
    if (pdb.files.some((f) => !stamp.files.includes(f))) return false;
    if (!unchanged(stamp.inputs, () => inputsOf(stamp.roots, stamp.files, false))) return false;
    if (!unchanged(stamp.outputs, () => outputsOf(stamp.outputDir, stamp.manifest, false))) return false;
    const seconds = ((Date.now() - options.startedAtMs) / 1000).toFixed(2);
    for (const line of stamp.output) options.write(line.stream, line.text.replaceAll(SECONDS_PLACEHOLDER, `${seconds} s`));
    return true;
  } catch {
    return false;
  }
}
