"""Messages of sector-scale runs (process pools, Dask clusters) and of the comparison report."""

from __future__ import annotations

# fmt: off
MESSAGES: dict[str, tuple[str, str]] = {
    "env.no_dask": ("使用 --scheduler 需要 Dask 分布式组件：pip install 'cxassess[cluster]'", "--scheduler needs Dask distributed: pip install 'cxassess[cluster]'"),
    "env.scheduler_unreachable": ("无法连接 Dask 调度器 {address}（{detail}）：请确认调度器已启动且地址、端口正确", "cannot reach the Dask scheduler at {address} ({detail}): check that it is running and that the address and port are right"),
    "env.scheduler_no_workers": ("Dask 调度器 {address} 在 {seconds} 秒内没有可用的工作进程：请先启动 dask worker", "the Dask scheduler at {address} had no worker within {seconds} s: start dask worker first"),
    "env.workers_without_cxassess": ("Dask 工作进程无法运行 cxassess（{detail}）：每个工作进程都须安装同一版本的 cxassess", "the Dask workers cannot run cxassess ({detail}): every worker needs the same cxassess installed"),
    "env.workers_version": ("Dask 工作进程的 cxassess 版本与本机（{version}）不同：{found}；版本不同会使输出不一致", "Dask workers run another cxassess version than this machine ({version}): {found}; outputs would differ"),
    "env.standard_not_here": ("本机找不到工作进程所用的标准目录 {standard}：请在本机安装同一版本的 cxassess（或设置相同的 CXASSESS_PATH）", "this machine lacks the standard catalogue {standard} the workers used: install the same cxassess here (or set the same CXASSESS_PATH)"),
    "usage.scheduler_address": ("--scheduler 应为 tcp://主机:端口（或 tls://主机:端口），实际为 {found}", "--scheduler expects tcp://HOST:PORT (or tls://HOST:PORT), found {found}"),
    "usage.scheduler_needs_batch": ("--scheduler 只能与 --batch 一起使用（单个报告在本机生成）", "--scheduler works with --batch only (a single report is rendered here)"),
    "status.task_lost": ("该文件的任务在 Dask 集群上丢失（{detail}）", "this file's task was lost on the Dask cluster ({detail})"),
    "progress.compare": ("读取并计分", "scoring"),
}
# fmt: on
