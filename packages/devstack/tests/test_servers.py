"""The session servers are real: PostgreSQL answers SQL, Redis answers PING, S3 stores objects."""

import socket
import subprocess

import boto3
from scribe_devstack import PostgresServer, RedisServer, S3Server


def test_postgres_runs_sql_and_creates_databases(postgres_server: PostgresServer) -> None:
    postgres_server.create_database("devstack_probe")
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(postgres_server.port),
            "-U",
            "postgres",
            "-d",
            "devstack_probe",
            "-tAc",
            "select 40 + 2",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.strip() == "42"
    postgres_server.drop_database("devstack_probe")


def test_redis_answers_ping(redis_server: RedisServer) -> None:
    with socket.create_connection(("127.0.0.1", redis_server.port)) as sock:
        sock.sendall(b"PING\r\n")
        assert sock.recv(16) == b"+PONG\r\n"


def test_s3_has_the_platform_buckets_and_round_trips_objects(s3_server: S3Server) -> None:
    client = boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    assert {bucket["Name"] for bucket in client.list_buckets()["Buckets"]} >= {"uploads", "processed", "identity-bank"}
    client.put_object(Bucket="uploads", Key="probe", Body=b"hello")
    assert client.get_object(Bucket="uploads", Key="probe")["Body"].read() == b"hello"
