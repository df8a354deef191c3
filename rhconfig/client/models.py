"""Typed views of RunningHub's answers. Numbers arrive as strings: they are parsed here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# Task states reported by /task/openapi/status (create may also say CREATE).
PENDING_STATES = frozenset({"CREATE", "QUEUED", "RUNNING"})
FINAL_STATES = frozenset({"SUCCESS", "FAILED"})


def parse_number(value: Any) -> int | float | None:
    """``"177814"`` -> 177814, ``"0.5"`` -> 0.5, ``3`` -> 3; empty, null or junk -> None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def parse_float(value: Any) -> float | None:
    number = parse_number(value)
    return None if number is None else float(number)


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Output:
    """One output of a finished task, whichever wire it came by. ``text`` holds a text output
    (v2 ``results[].text``; else None); the usage figures are the task's (v1 repeats them on
    every file, v2 gives them once in ``usage``). ``raw`` is the entry as RunningHub sent it."""

    file_url: str
    file_type: str
    node_id: str | None
    task_cost_time: float | None
    consume_coins: float | None
    text: str | None = None
    consume_money: float | None = None
    third_party_consume_money: float | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_api(cls, entry: Mapping[str, Any]) -> Output:
        """From a v1 ``outputs`` entry (``fileUrl``, ``fileType``, string numbers), or from an
        ``Output.raw`` kept earlier (a v2 entry with its ``usage`` beside it)."""
        if "fileUrl" not in entry and ("url" in entry or "outputType" in entry):
            usage = entry.get("usage")
            return cls.from_v2(entry, usage if isinstance(usage, Mapping) else None)
        return cls._build(entry, entry, url=entry.get("fileUrl"), kind=entry.get("fileType"))

    @classmethod
    def from_v2(cls, entry: Mapping[str, Any], usage: Mapping[str, Any] | None) -> Output:
        """From a v2 ``results`` entry (``url``, ``outputType``, ``text``) and the ``usage``;
        ``raw`` is the entry with the usage beside it (so ``from_api(raw)`` rebuilds it)."""
        out = cls._build(entry, usage or {}, url=entry.get("url"), kind=entry.get("outputType"))
        raw = {k: v for k, v in entry.items() if k != "usage"}
        if usage is not None:
            raw["usage"] = dict(usage)
        return replace(out, raw=raw)

    @classmethod
    def _build(cls, entry: Mapping[str, Any], usage: Mapping[str, Any], *, url: Any, kind: Any
               ) -> Output:  # fmt: skip
        text = entry.get("text")
        return cls(
            file_url=str(url or ""),
            file_type=str(kind or ""),
            node_id=_str_or_none(entry.get("nodeId")),
            task_cost_time=parse_float(usage.get("taskCostTime")),
            consume_coins=parse_float(usage.get("consumeCoins")),
            text=text if isinstance(text, str) else None,
            consume_money=parse_float(usage.get("consumeMoney")),
            third_party_consume_money=parse_float(usage.get("thirdPartyConsumeMoney")),
            raw=dict(entry),
        )


@dataclass(frozen=True)
class TaskSnapshot:
    """One look at a task, protocol-neutral: its ``state`` (None when unknown), its
    ``outputs`` once it succeeded (None before), and ``failure`` when it failed."""

    state: str | None
    outputs: list[Output] | None = None
    failure: Exception | None = None


@dataclass(frozen=True)
class TaskCreated:
    """The answer to a create. ``prompt_tips`` is the parsed ``promptTips`` (None if absent)."""

    task_id: str
    client_id: str | None
    status: str | None
    net_wss_url: str | None
    prompt_tips: dict[str, Any] | None

    @property
    def prompt_ok(self) -> bool:
        """False when ComfyUI's validation said ``result: false`` (the task will fail)."""
        return self.prompt_tips is None or self.prompt_tips.get("result") is not False

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> TaskCreated:
        return cls(
            task_id=str(data["taskId"]),
            client_id=_str_or_none(data.get("clientId")),
            status=_str_or_none(data.get("taskStatus") or data.get("status") or None),
            net_wss_url=_str_or_none(data.get("netWssUrl")),
            prompt_tips=parse_prompt_tips(data.get("promptTips")),
        )


def parse_prompt_tips(value: Any) -> dict[str, Any] | None:
    """``promptTips`` is a JSON string; tolerate an object, null or an unparsable string."""
    if value is None or value == "":
        return None
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return {"raw": value}
        return dict(parsed) if isinstance(parsed, Mapping) else {"raw": value}
    return {"raw": value}


def describe_prompt_tips(tips: Mapping[str, Any]) -> str:
    """One line from ComfyUI's validation answer: the error and the nodes it names."""
    parts: list[str] = []
    error = tips.get("error")
    if isinstance(error, Mapping):
        parts.append(str(error.get("message") or error.get("type") or "").strip())
    elif error:
        parts.append(str(error))
    node_errors = tips.get("node_errors")
    if isinstance(node_errors, Mapping):
        for node_id, info in sorted(node_errors.items()):
            msgs: list[str] = []
            errors = info.get("errors") if isinstance(info, Mapping) else None
            if isinstance(errors, list):
                for e in errors:
                    if isinstance(e, Mapping):
                        msg = str(e.get("details") or e.get("message") or "").strip()
                        if msg:
                            msgs.append(msg)
            cls = info.get("class_type", "") if isinstance(info, Mapping) else ""
            parts.append(f"node {node_id} {cls}: {'; '.join(msgs) or 'invalid'}".strip())
    text = "; ".join(p for p in parts if p)
    return text or "ComfyUI rejected the prompt"


class UploadedFile(str):
    """The ``fileName`` of an upload (a ``str``: put it in a nodeInfoList as is), carrying
    what else the answer said: ``download_url`` (v2 only, valid about a day), ``size``."""

    download_url: str | None
    size: int | None
    file_type: str | None

    def __new__(
        cls,
        file_name: str,
        download_url: str | None = None,
        size: int | None = None,
        file_type: str | None = None,
    ) -> UploadedFile:
        self = super().__new__(cls, file_name)
        self.download_url = download_url
        self.size = size
        self.file_type = file_type
        return self


@dataclass(frozen=True)
class WebhookDetail:
    """``getWebhookDetail``: the delivery record of a task's webhook (the key it holds, even
    masked, is dropped). ``id`` is what :meth:`RunningHub.retry_webhook` takes."""

    id: str
    task_id: str
    webhook_url: str | None
    callback_status: str | None
    callback_response: str | None
    retry_count: int
    event_data: Any
    create_time: str | None
    update_time: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> WebhookDetail:
        retries = parse_number(data.get("retryCount"))
        return cls(
            id=str(data.get("id") or ""),
            task_id=str(data.get("taskId") or ""),
            webhook_url=_str_or_none(data.get("webhookUrl")),
            callback_status=_str_or_none(data.get("callbackStatus")),
            callback_response=_str_or_none(data.get("callbackResponse")),
            retry_count=int(retries) if retries is not None else 0,
            event_data=data.get("eventData"),
            create_time=_str_or_none(data.get("createTime")),
            update_time=_str_or_none(data.get("updateTime")),
            raw=dict(data),
        )


@dataclass(frozen=True)
class AccountStatus:
    remain_coins: int | float | None
    current_task_counts: int
    remain_money: int | float | None
    currency: str | None
    api_type: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_api(cls, data: Mapping[str, Any]) -> AccountStatus:
        counts = parse_number(data.get("currentTaskCounts"))
        return cls(
            remain_coins=parse_number(data.get("remainCoins")),
            current_task_counts=int(counts) if counts is not None else 0,
            remain_money=parse_number(data.get("remainMoney")),
            currency=_str_or_none(data.get("currency")),
            api_type=_str_or_none(data.get("apiType")),
            raw=dict(data),
        )
