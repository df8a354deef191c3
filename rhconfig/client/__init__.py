"""A robust client for RunningHub's REST API, v2 and v1 (``RunningHub``), and its exceptions."""

from __future__ import annotations

from rhconfig.client.api import (
    DEFAULT_API,
    DEFAULT_BASE_URL,
    ENV_API,
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
    ServiceBusyError,
    TaskFailedError,
    TaskPendingError,
    TaskTimeoutError,
    TransportError,
    UploadError,
    ValidationError,
    WorkflowNotRunError,
)
from rhconfig.client.files import MAX_UPLOAD_BYTES, expected_file_name
from rhconfig.client.models import (
    AccountStatus,
    Output,
    TaskCreated,
    TaskSnapshot,
    UploadedFile,
    WebhookDetail,
)
from rhconfig.client.polling import PollPolicy
from rhconfig.client.protocol import APIS, PATHS
from rhconfig.client.transport import RetryPolicy

__all__ = [
    "APIS",
    "CODES",
    "DEFAULT_API",
    "DEFAULT_BASE_URL",
    "ENV_API",
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
    "PATHS",
    "PollPolicy",
    "PromptTipsError",
    "QueueFullError",
    "QueueRetry",
    "RetryPolicy",
    "RunningHub",
    "RunningHubError",
    "ServiceBusyError",
    "TaskCreated",
    "TaskFailedError",
    "TaskPendingError",
    "TaskSnapshot",
    "TaskTimeoutError",
    "TransportError",
    "UploadError",
    "UploadedFile",
    "ValidationError",
    "WebhookDetail",
    "WorkflowNotRunError",
    "expected_file_name",
    "normalize_node_info",
]
