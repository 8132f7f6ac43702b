"""A small client for Superset's REST API: log in, find the dashboard's charts, read their data."""
from __future__ import annotations

import requests


class SupersetApi:
    def __init__(self, url: str, username: str, password: str, timeout_s: float = 300):
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.session = requests.Session()
        response = self.session.post(f"{self.url}/api/v1/security/login", timeout=timeout_s, json={
            "username": username, "password": password, "provider": "db", "refresh": False})
        response.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"

    def get(self, path: str, **params) -> dict:
        response = self.session.get(f"{self.url}{path}", params=params, timeout=self.timeout_s)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:500]}")
        return response.json()

    def charts_by_uuid(self) -> dict[str, dict]:
        listed = self.get("/api/v1/chart/", q="(columns:!(id,uuid,slice_name,viz_type),page_size:100)")
        return {chart["uuid"]: chart for chart in listed["result"]}

    def dashboard(self, slug: str) -> dict:
        return self.get(f"/api/v1/dashboard/{slug}")["result"]

    def chart_data(self, chart_id: int, force: bool = True) -> list[dict]:
        """The rows of a chart's saved query (the same SQL the chart runs), fresh from the database."""
        body = self.get(f"/api/v1/chart/{chart_id}/data/", force=str(force).lower())
        result = body["result"][0]
        if result.get("error"):
            raise RuntimeError(f"chart {chart_id}: {result['error']}")
        return result["data"]
