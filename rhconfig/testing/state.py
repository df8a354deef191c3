"""The fake RunningHub's state: workflows, keys, tasks and their life cycle, and each endpoint's
answer as an envelope. No HTTP here (see ``server.py``); everything is guarded by one lock."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhconfig.client.errors import code_name
from rhconfig.errors import RhconfigError
from rhconfig.graph import node_sort_key
from rhconfig.testing.webhooks import WebhookSender

Envelope = dict[str, Any]
OUTPUT_CLASSES = {
    "SaveImage": "png",
    "PreviewImage": "png",
    "SaveAnimatedWEBP": "webp",
    "SaveVideo": "mp4",
    "VHS_VideoCombine": "mp4",
    "SaveAudio": "flac",
    "ShowText|pysssss": "txt",
    "SaveText|pysssss": "txt",
}


def envelope(code: int, data: Any = None, msg: str | None = None) -> Envelope:
    return {"code": code, "msg": msg or ("success" if code == 0 else code_name(code)), "data": data}


def key_digest(key: str) -> str:
    """Tasks remember whose they are by a digest: the fake never stores a key in clear."""
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:16]


@dataclass
class FakeTask:
    task_id: str
    workflow_id: str  # the webapp id for an AI-app task (``ai_app`` True)
    owner: str  # key digest
    node_info_list: list[dict[str, Any]]
    graph: dict[str, Any]
    created_at: float
    create_seconds: float
    queue_seconds: float
    run_seconds: float
    failed_reason: dict[str, Any] | None = None
    prompt_ok: bool = True
    cancelled: bool = False
    cost_coins: int = 2
    ai_app: bool = False
    wire: str = "v1"  # the protocol that created it (its webhook speaks the same)

    def state(self, now: float) -> str:
        if self.cancelled:
            return "FAILED"
        elapsed = now - self.created_at
        if elapsed < self.create_seconds:
            return "CREATE"
        if elapsed < self.create_seconds + self.queue_seconds:
            return "QUEUED"
        if elapsed < self.create_seconds + self.queue_seconds + self.run_seconds:
            return "RUNNING"
        return "FAILED" if self.failed_reason is not None else "SUCCESS"

    def output_files(self) -> list[tuple[str, str, str]]:
        """``(node_id, file name, file type)`` for each output node of the graph."""
        nodes = [
            (nid, OUTPUT_CLASSES[n["class_type"]])
            for nid, n in self.graph.items()
            if isinstance(n, dict) and n.get("class_type") in OUTPUT_CLASSES
        ]
        if not nodes:
            nodes = [(max(self.graph, key=node_sort_key), "png")]
        return [(nid, f"ComfyUI_{self.task_id}_{nid}_00001_.{ext}", ext) for nid, ext in nodes]


@dataclass(frozen=True)
class OutputFile:
    node_id: str
    url: str
    ext: str
    text: str | None  # a text output's text


@dataclass(frozen=True)
class TaskResult:
    state: str
    files: list[OutputFile]
    failed_reason: dict[str, Any] | None
    cost_time: str
    cost_coins: str


def output_text(task: FakeTask, node_id: str) -> str:
    """A text output's text: the node's ``text`` input if it is a literal, else a marker."""
    value = task.graph.get(node_id, {}).get("inputs", {}).get("text")
    return value if isinstance(value, str) else f"text output of node {node_id}"


@dataclass
class RecordedRequest:
    """One request as the fake saw it. ``body`` never holds the key (``apiKey``/``apikey``).

    ``auth`` says how the key came (``bearer``, ``body``, ``both``, ``none``); ``status`` is the
    HTTP status answered (None: dropped); ``code`` the answer's code as an int (a v2 task's
    ``errorCode``, 0 when empty) and ``wire_code`` as the request log shows it (a string; None
    when the answer had none: a v2 success, a file, a fault without a body)."""

    method: str
    path: str
    body: Any
    host: str | None
    has_authorization: bool
    at: float
    fault: str | None = None
    code: int | None = None
    task_id: str | None = None
    auth: str = "none"
    status: int | None = None
    wire_code: str | None = None


@dataclass
class FaultRule:
    kind: str  # "http_error" | "drop" | "delay" | "malformed" | "code"
    remaining: int
    path: str | None = None
    after: bool = False
    seconds: float = 0.0
    status: int = 500
    code: int = 500

    def label(self) -> str:
        extra = {"http_error": str(self.status), "code": str(self.code)}.get(self.kind, "")
        when = "_after" if self.after else ""
        return f"{self.kind}{extra and ':' + extra}{when}"


@dataclass
class FailRule:
    predicate: Callable[[FakeTask], bool]
    remaining: int | None  # None: unlimited
    reason: dict[str, Any] = field(default_factory=dict)


class BadRequest(Exception):
    def __init__(self, code: int, msg: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.msg = msg


class FakeState:
    def __init__(
        self,
        *,
        workflows_dir: str | os.PathLike[str] | None,
        api_keys: list[str] | None,
        create_seconds: float,
        queue_seconds: float,
        run_seconds: float,
        concurrency: int | None,
        max_upload_bytes: int,
        remain_coins: int,
        seed: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        lenient: bool = False,
    ) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.workflows_dir = Path(workflows_dir) if workflows_dir is not None else None
        self.api_keys = None if api_keys is None else {key_digest(k) for k in api_keys}
        self.create_seconds = create_seconds
        self.queue_seconds = queue_seconds
        self.run_seconds = run_seconds
        self.concurrency = concurrency
        self.max_upload_bytes = max_upload_bytes
        self.initial_coins = remain_coins
        self.workflows: dict[str, tuple[dict[str, Any], bool]] = {}
        self.webapps: dict[str, dict[str, Any]] = {}  # AI apps: webappId -> graph
        self.apps: dict[str, dict[str, Any]] = {}  # AI apps: webappId -> apiCallDemo data
        self.tasks: dict[str, FakeTask] = {}
        self.uploads: dict[str, int] = {}
        self.lora_targets: dict[str, tuple[str, str, str]] = {}  # md5 -> (signature, owner, name)
        self.loras: dict[str, int] = {}  # api-lora-cn/<md5>.safetensors -> size
        self.requests: list[RecordedRequest] = []
        self.faults: list[FaultRule] = []
        self.random_faults: tuple[float, list[FaultRule], random.Random, str | None] | None = None
        self.fail_rules: list[FailRule] = []
        self.reject_prompts = 0
        self.lenient = lenient
        self.webhooks = WebhookSender()
        self._ids = itertools.count(1_900_000_000_000_000_000 + random.randrange(10**15))
        self.rng = random.Random(seed)

    # -- lookups -------------------------------------------------------------------------

    def check_key(self, key: Any) -> str:
        """The owner (key digest) for ``key``; 802 when it is missing or not accepted."""
        if not isinstance(key, str) or not key:
            raise BadRequest(802, "APIKEY_UNAUTHORIZED: apiKey missing")
        digest = key_digest(key)
        if self.api_keys is None:
            if len(key) != 32:
                raise BadRequest(802)
        elif digest not in self.api_keys:
            raise BadRequest(802)
        return digest

    def workflow(self, workflow_id: Any) -> tuple[dict[str, Any], bool]:
        if isinstance(workflow_id, bool) or not isinstance(workflow_id, (str, int)):
            raise BadRequest(301, "workflowId is required")
        wid = str(workflow_id)
        if wid in self.workflows:
            return self.workflows[wid]
        if self.workflows_dir is not None:
            from rhconfig.store import WorkflowStore

            store = WorkflowStore(self.workflows_dir)
            try:
                if store.graph_path(wid).is_file():
                    return store.read_graph(wid), True
            except RhconfigError:
                pass
        raise BadRequest(380)

    def app_document(self, webapp_id: str) -> dict[str, Any] | None:
        """An AI app's apiCallDemo ``data``: added with ``add_app``, or ``ID.app.json`` in the
        workflows dir (read on each request, so a test may change it)."""
        if webapp_id in self.apps:
            return self.apps[webapp_id]
        if self.workflows_dir is not None:
            from rhconfig.app import parse_app_document
            from rhconfig.store import WorkflowStore

            store = WorkflowStore(self.workflows_dir)
            try:
                if store.app_path(webapp_id).is_file():
                    return parse_app_document(store.read_app(webapp_id)).data
            except RhconfigError:
                pass
        return None

    def webapp(self, webapp_id: Any) -> dict[str, Any]:
        """An AI app's graph; 901 when unknown (a workflow id is not an AI-app id). An app
        served from its apiCallDemo list runs a graph of exactly the listed (node, field)
        pairs, so any other pair in a nodeInfoList answers 803."""
        if isinstance(webapp_id, bool) or not isinstance(webapp_id, (str, int)):
            raise BadRequest(301, "webappId is required")
        graph = self.webapps.get(str(webapp_id))
        if graph is not None:
            return graph
        document = self.app_document(str(webapp_id))
        if document is None:
            raise BadRequest(901)
        return app_graph(document)

    def served_ids(self) -> list[str]:
        ids = set(self.workflows)
        if self.workflows_dir is not None:
            from rhconfig.store import WorkflowStore

            ids.update(WorkflowStore(self.workflows_dir).graph_ids())
        return sorted(ids, key=lambda s: (len(s), s))

    def served_app_ids(self) -> list[str]:
        ids = set(self.webapps) | set(self.apps)
        if self.workflows_dir is not None:
            from rhconfig.store import WorkflowStore

            ids.update(WorkflowStore(self.workflows_dir).app_ids())
        return sorted(ids, key=lambda s: (len(s), s))

    def task(self, owner: str, task_id: Any) -> FakeTask:
        task = self.tasks.get(str(task_id)) if isinstance(task_id, (str, int)) else None
        if task is None or task.owner != owner:
            raise BadRequest(807)
        return task

    def active_count(self, owner: str, now: float) -> int:
        return sum(
            1
            for t in self.tasks.values()
            if t.owner == owner and t.state(now) in ("CREATE", "QUEUED", "RUNNING")
        )

    def remain_coins(self, owner: str, now: float) -> int:
        spent = sum(
            t.cost_coins
            for t in self.tasks.values()
            if t.owner == owner and t.state(now) == "SUCCESS"
        )
        return self.initial_coins - spent

    # -- faults --------------------------------------------------------------------------

    def take_fault(self, path: str) -> FaultRule | None:
        with self.lock:
            for rule in self.faults:
                if rule.remaining > 0 and (rule.path is None or rule.path == path):
                    rule.remaining -= 1
                    return rule
            if self.random_faults is not None:
                rate, kinds, rng, only = self.random_faults
                if (only is None or only == path) and rng.random() < rate:
                    return rng.choice(kinds)
        return None

    # -- endpoints -----------------------------------------------------------------------

    def new_task(
        self,
        owner: str,
        body: Mapping[str, Any],
        base_url: str,
        source_id: str,
        graph: dict[str, Any],
        nodes: list[dict[str, Any]],
        *,
        event_data: Callable[[FakeTask], Any],
        ai_app: bool = False,
        wire: str = "v1",
    ) -> tuple[FakeTask, dict[str, Any]]:
        """The one task life cycle behind create and AI-app run on both wires, once the graph
        and nodeInfoList are checked: limits (421, 416), the task (promptTips, fail rules,
        webhook). Returns the task and its promptTips; the wire builds the answer.
        ``event_data(task)`` is what the wire's webhook says when the task ends."""
        now = self.clock()
        if body.get("instanceType") not in (None, "default", "plus"):
            raise BadRequest(301, "instanceType must be default or plus")
        if body.get("usePersonalQueue") not in (None, True, False, "true", "false"):
            raise BadRequest(301, "usePersonalQueue must be a boolean")
        if self.concurrency is not None and self.active_count(owner, now) >= self.concurrency:
            raise BadRequest(421)
        if self.remain_coins(owner, now) <= 0:
            raise BadRequest(416)
        task = FakeTask(
            task_id=str(next(self._ids)),
            workflow_id=source_id,
            owner=owner,
            node_info_list=nodes,
            graph=graph,
            created_at=now,
            create_seconds=self.create_seconds,
            queue_seconds=self.queue_seconds,
            run_seconds=self.run_seconds,
            ai_app=ai_app,
            wire=wire,
        )
        outputs = [nid for nid, _, _ in task.output_files()]
        tips: dict[str, Any] = {
            "result": True,
            "error": None,
            "outputs_to_execute": outputs,
            "node_errors": {},
        }
        if not self.lenient:  # RunningHub's own validation (rhconfig check's rules)
            from rhconfig.testing.validation import judge, summary

            verdict = judge(graph, nodes, self.uploads, outputs)
            tips = verdict.prompt_tips
            if not verdict.ok:
                task.prompt_ok = False
                task.failed_reason = failed_reason(
                    task,
                    node_id=next(iter(tips["node_errors"])),
                    exception_type="PromptValidationError",
                    message=summary(tips),
                )
            elif verdict.failure is not None:
                node_id, exception_type, message = verdict.failure
                task.failed_reason = failed_reason(
                    task, node_id=node_id, exception_type=exception_type, message=message
                )
        if self.reject_prompts > 0:
            self.reject_prompts -= 1
            task.prompt_ok = False
            tips = rejected_prompt_tips(graph)
            task.failed_reason = failed_reason(task, exception_type="PromptValidationError")
        for rule in self.fail_rules:
            if (rule.remaining is None or rule.remaining > 0) and rule.predicate(task):
                if rule.remaining is not None:
                    rule.remaining -= 1
                task.failed_reason = failed_reason(task, **rule.reason)
                break
        self.tasks[task.task_id] = task
        hook = body.get("webhookUrl")
        if isinstance(hook, str) and hook.startswith(("http://", "https://")):
            end = task.create_seconds + task.queue_seconds + task.run_seconds
            self.webhooks.schedule(hook, task, end + 0.01, lambda: self.locked(event_data, task))
        return task, tips

    def locked(self, fn: Callable[[FakeTask], Any], task: FakeTask) -> Any:
        with self.lock:
            return fn(task)

    def result(self, task: FakeTask, base_url: str) -> TaskResult:
        """Where ``task`` is, wire-neutral: its state, output files or failure, and cost."""
        state = task.state(self.clock())
        files: list[OutputFile] = []
        reason: dict[str, Any] | None = None
        if state == "FAILED":
            reason = task.failed_reason or failed_reason(
                task, exception_type="InterruptedError", message="task cancelled by the user"
            )
        elif state == "SUCCESS":
            files = [
                OutputFile(
                    node_id=nid,
                    url=f"{base_url}/files/{task.task_id}/{name}",
                    ext=ext,
                    text=output_text(task, nid) if ext == "txt" else None,
                )
                for nid, name, ext in task.output_files()
            ]
        cost_time = str(max(1, round(task.run_seconds + task.queue_seconds)))
        return TaskResult(state, files, reason, cost_time, str(task.cost_coins))

    def cancel_task(self, owner: str, task_id: Any) -> FakeTask:
        task = self.task(owner, task_id)
        if task.state(self.clock()) not in ("SUCCESS", "FAILED"):
            task.cancelled = True
        return task

    def store_upload(self, content: bytes, filename: str, prefix: str) -> str:
        """809 over the limit, 808 empty; else ``<prefix>/<sha256>.<ext>``, remembered."""
        if len(content) > self.max_upload_bytes:
            raise BadRequest(809)
        if not content:
            raise BadRequest(808)
        ext = os.path.splitext(filename)[1].lower()
        name = f"{prefix}/{hashlib.sha256(content).hexdigest()}{ext}"
        self.uploads[name] = len(content)
        return name

def app_graph(document: Mapping[str, Any]) -> dict[str, Any]:
    """The graph an app served from its apiCallDemo list runs: one node per listed node,
    holding exactly the listed fields (with their listed values)."""
    graph: dict[str, Any] = {}
    for entry in document.get("nodeInfoList") or []:
        nid = str(entry.get("nodeId"))
        node = graph.setdefault(nid, {
            "class_type": str(entry.get("nodeName") or "AppNode"),
            "inputs": {},
            "_meta": {"title": str(entry.get("nodeName") or nid)},
        })
        node["inputs"][str(entry.get("fieldName"))] = entry.get("fieldValue")
    return graph


def check_node_info(graph: Mapping[str, Any], entries: Any) -> list[dict[str, Any]]:
    """301 for a malformed list or entry, 803 for a node id or field the graph lacks."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise BadRequest(301, "nodeInfoList must be a list")
    out: list[dict[str, Any]] = []
    for entry in entries:
        if not isinstance(entry, dict) or "nodeId" not in entry or "fieldName" not in entry:
            raise BadRequest(301, "nodeInfoList entries need nodeId and fieldName")
        node_id, field_name = entry["nodeId"], entry["fieldName"]
        if isinstance(node_id, bool) or not isinstance(node_id, (str, int)):
            raise BadRequest(301, "nodeId must be a string")
        node = graph.get(str(node_id))
        inputs = node.get("inputs") if isinstance(node, dict) else None
        if not isinstance(inputs, dict) or field_name not in inputs or "fieldValue" not in entry:
            raise BadRequest(803)
        out.append(dict(entry, nodeId=str(node_id)))
    return out


def failed_reason(
    task: FakeTask,
    *,
    node_id: str | None = None,
    exception_type: str = "torch.OutOfMemoryError",
    message: str | None = None,
) -> dict[str, Any]:
    """A failedReason shaped like RunningHub's (ComfyUI's execution_error payload)."""
    if node_id is None:
        samplers = [k for k, n in task.graph.items() if "Sampler" in str(n.get("class_type"))]
        node_id = samplers[0] if samplers else next(iter(task.graph))
    node = task.graph.get(node_id, {})
    node_name = str(node.get("class_type", "Unknown"))
    if message is None:
        message = (
            "Allocation on device 0 would exceed allowed memory. (out of memory)\n"
            "Currently allocated     : 22.41 GiB\nRequested               : 1.50 GiB"
        )
    traceback = [
        '  File "/root/ComfyUI/execution.py", line 361, in execute\n'
        "    output_data, output_ui, has_subgraph = get_output_data(obj, input_data_all)\n",
        '  File "/root/ComfyUI/execution.py", line 236, in get_output_data\n'
        "    return_values = _map_node_over_list(obj, input_data_all, obj.FUNCTION)\n",
        f'  File "/root/ComfyUI/nodes.py", line 1540, in {node_name.lower()}\n'
        "    return common_ksampler(model, seed, steps, cfg, sampler_name, scheduler)\n",
    ]
    inputs = node.get("inputs", {}) if isinstance(node, dict) else {}
    return {
        "node_id": node_id,
        "node_name": node_name,
        "exception_type": exception_type,
        "exception_message": message,
        "traceback": json.dumps(traceback),
        "current_inputs": {k: [v] for k, v in inputs.items() if not isinstance(v, list)},
        "current_outputs": {},
    }


def rejected_prompt_tips(graph: Mapping[str, Any]) -> dict[str, Any]:
    node_id = next(iter(graph), "1")
    cls = graph.get(node_id, {}).get("class_type", "Unknown")
    return {
        "result": False,
        "error": {
            "type": "prompt_outputs_failed_validation",
            "message": "Prompt outputs failed validation",
            "details": "",
            "extra_info": {},
        },
        "outputs_to_execute": [],
        "node_errors": {
            node_id: {
                "errors": [
                    {
                        "type": "value_not_in_list",
                        "message": "Value not in list",
                        "details": "sampler_name: 'eulerx' not in ['euler', 'euler_ancestral']",
                        "extra_info": {},
                    }
                ],
                "dependent_outputs": [],
                "class_type": cls,
            }
        },
    }
