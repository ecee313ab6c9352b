import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** Runs a command to completion; rejects on a non-zero exit. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

/** Starts a long-running child and resolves once `ready` matches its output (or the URL answers). */
export function startService(
  name: string,
  cmd: string,
  args: string[],
  opts: SpawnOptions & { readyUrl?: string; readyLine?: RegExp; timeoutMs?: number; echo?: boolean },
): Promise<ChildProcess> {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], detached: false, ...opts });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join("\n") + "\n";
  if (opts.echo !== false) {
    child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  } else {
    child.stdout?.resume();
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    let exited = false;
    if (opts.readyLine) {
      const re = opts.readyLine;
      let buf = "";
      const timer = setTimeout(() => {
        child.kill("SIGTERM");
        reject(new Error(`${name} did not print ${re} in time`));
      }, opts.timeoutMs ?? 120_000);
      child.stdout?.on("data", (c: Buffer) => {
        buf = (buf + c.toString()).slice(-4000);
        if (re.test(buf)) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited early with ${code}`));
      });
      return;
    }
    child.on("exit", (code) => {
      exited = true;
      reject(new Error(`${name} exited early with ${code}`));
    });
    const poll = async () => {
      if (exited) return;
      try {
        const res = await fetch(opts.readyUrl!, { redirect: "manual" });
        if (res.status < 500) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) {
        child.kill("SIGTERM");
        return reject(new Error(`${name} did not come up at ${opts.readyUrl}`));
      }
      setTimeout(poll, 300);
    };
    void poll();
  });
}
