"""One table of media facts: what ``check`` tells a user to upload, ``upload`` takes.

Every media extension the table knows is tried both ways: a loader value of that extension is
checked, and a local file of that extension is put through ``check_upload``. When the check's
advice is "upload it", the upload must accept it; when the upload refuses, the check must say so
(convert first) instead of sending the user to an upload that fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_helpers import entry

from rhconfig.check import validate
from rhconfig.client.errors import UploadError
from rhconfig.client.files import check_upload
from rhconfig.media import EXTENSIONS, KIND_UPLOAD_TYPE, MEDIA_EXT
from rhconfig.profile import Profile

LOADERS = {"image": ("10", "image"), "audio": ("11", "audio"), "video": ("41", "video")}


@pytest.mark.parametrize("ext", sorted(MEDIA_EXT))
def test_check_advice_agrees_with_upload(profile: Profile, tmp_path: Path, ext: str) -> None:
    kind = MEDIA_EXT[ext]
    node, field = LOADERS[kind]
    [finding] = [f for f in validate(profile, [entry(node, field, f"photo.{ext}")],
                                     probe_paths=False) if f.code != "unchanged_default"]
    local = tmp_path / f"photo.{ext}"
    local.write_bytes(b"x")
    try:
        _, sent_as = check_upload(local, KIND_UPLOAD_TYPE[kind])
        check_upload(local)  # and without a file type: the extension alone decides
    except UploadError:
        assert EXTENSIONS[ext].upload is False
        assert f"does not take .{ext}" in (finding.hint or ""), finding
    else:
        assert EXTENSIONS[ext].upload is True
        assert sent_as == kind
        assert "rhconfig upload FILE" in (finding.hint or "") and "convert" not in finding.hint


def test_heic_is_recognised_but_not_uploaded(profile: Profile, tmp_path: Path) -> None:
    [finding] = [f for f in validate(profile, [entry("10", "image", "./IMG_0001.HEIC")],
                                     probe_paths=False) if f.code != "unchanged_default"]
    assert finding.is_error
    assert "does not take .heic" in (finding.hint or "") and "png" in (finding.hint or "")
    local = tmp_path / "IMG_0001.heic"
    local.write_bytes(b"x")
    with pytest.raises(UploadError, match="unknown file type 'heic'"):
        check_upload(local)

