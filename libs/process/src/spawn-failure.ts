/**
 * A child process that cannot be started reports it as an `error` event, which crashes Node when
 * nobody listens. Every part the launcher starts (initdb, postgres, temporal) listens, and turns
 * the error into one line a county's administrator can act on.
 */
export class SpawnFailure extends Error {
  constructor(
    readonly part: string,
    readonly executable: string,
    readonly errorCode: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** `remedy` is what to do about this part in particular (a variable to set, a command to run). */
export function spawnFailure(part: string, executable: string, error: NodeJS.ErrnoException, remedy: string): SpawnFailure {
  const reasons: Record<string, string> = {
    EACCES: '没有执行该文件或进入其所在目录的权限',
    EPERM: '操作系统不允许执行它',
    ENOENT: '文件或其工作目录不存在',
    ENOEXEC: '不是本机可执行的程序',
    EAGAIN: '系统进程数或内存已达上限',
    ENOMEM: '内存不足',
  };
  const reason = (error.code && reasons[error.code]) ?? error.message;
  const code = error.code ? ` ${error.code}` : '';
  return new SpawnFailure(part, executable, error.code, `无法启动 ${part}（${executable}${code}）：${reason}。${remedy}`);
}
