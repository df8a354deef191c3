"""A robust client for RunningHub's v1 REST API (``RunningHub``) and its exceptions."""

from __future__ import annotations

from rhconfig.client.api import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    ENV_KEY,
    QueueRetry,
    RunningHub,
    normalize_node_info,
)
from rhconfig.client.errors import (
    CODES,
    AuthError,
    CreateUncertainError,
    InstanceError,
    InsufficientFundsError,
    InvalidNodeInfoError,
    MissingApiKeyError,
    NotFoundError,
    PromptTipsError,
    QueueFullError,
    RunningHubError,
    TaskFailedError,
    TaskPendingError,
    TaskTimeoutError,
    TransportError,
    UploadError,
    ValidationError,
    WorkflowNotRunError,
)
from rhconfig.client.files import MAX_UPLOAD_BYTES, expected_file_name
from rhconfig.client.models import AccountStatus, Output, TaskCreated
from rhconfig.client.polling import PollPolicy
from rhconfig.client.transport import RetryPolicy

__all__ = [
    "CODES",
    "DEFAULT_BASE_URL",
    "ENV_BASE_URL",
    "ENV_KEY",
    "MAX_UPLOAD_BYTES",
    "AccountStatus",
    "AuthError",
    "CreateUncertainError",
    "InstanceError",
    "InsufficientFundsError",
    "InvalidNodeInfoError",
    "MissingApiKeyError",
    "NotFoundError",
    "Output",
    "PollPolicy",
    "PromptTipsError",
    "QueueFullError",
    "QueueRetry",
    "RetryPolicy",
    "RunningHub",
    "RunningHubError",
    "TaskCreated",
    "TaskFailedError",
    "TaskPendingError",
    "TaskTimeoutError",
    "TransportError",
    "UploadError",
    "ValidationError",
    "WorkflowNotRunError",
    "expected_file_name",
    "normalize_node_info",
]
