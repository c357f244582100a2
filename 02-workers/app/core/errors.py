"""The one way a job fails for a reason its uploader should read.

`reason` is written for people and shown on the meeting ("the file has no audio track"); `detail`
is for the logs only (FFmpeg's last words, the S3 error). Anything else raised in a job is a bug:
it fails the meeting with a generic reason and a logged traceback.
"""


class JobError(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
