"""`songnuan serve`: the whole campaign in the office's browser (planner.web)."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

import click

from planner.web.limits import DEFAULT_MAX_UPLOAD

LOOPBACK = "127.0.0.1"


@click.command()
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("songnuan-workspace"),
    show_default=True,
    help="Folder of campaigns (each an ordinary scenario folder plus its runs).",
)
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on; any other than 127.0.0.1 serves the office network "
              "and asks for a password.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--max-upload-mb", type=click.IntRange(1, 500),
              default=DEFAULT_MAX_UPLOAD // (1024 * 1024), show_default=True,
              help="Largest upload accepted, in MB.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve(workspace: Path, host: str, port: int, max_upload_mb: int, no_browser: bool) -> None:
    """Start the web application on WORKSPACE and open it in the browser."""
    import uvicorn

    from planner.web.app import create_app
    from planner.web.auth import MIN_PASSWORD, Passwords
    from planner.web.workspace import Workspace

    lan = not _loopback(host)
    if lan:
        passwords = Passwords(Workspace(workspace))
        if not passwords.is_set():
            click.echo("在办公室网络上提供服务，需先设置登录密码（只在本机保存其哈希值）。")
            while True:
                password = click.prompt(f"新密码（至少 {MIN_PASSWORD} 个字符）", hide_input=True,
                                        confirmation_prompt="再输入一次")
                try:
                    passwords.set(password)
                    break
                except ValueError as error:
                    click.echo(str(error))
    address = f"http://{LOOPBACK if not lan else host}:{port}/"

    def started() -> None:
        click.echo(f"送暖已启动：{address}（按 Ctrl+C 停止）")
        if not no_browser:
            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()

    app = create_app(workspace, lan=lan, max_upload=max_upload_mb * 1024 * 1024, on_start=started)
    uvicorn.run(app, host=host, port=port, log_level="info")


def _loopback(host: str) -> bool:
    """Whether `host` is this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
