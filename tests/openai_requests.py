"""Realistic requests to OpenAI's POST /responses (createResponse), and four wrong ones
(each a value no OpenAI enum has, in a place the response echoes)."""

from __future__ import annotations

from typing import Any

OPENAI_SPEC = "openai/2026-05-13-5162af9.yaml"

VALID: dict[str, dict[str, Any]] = {
    "string input": {"model": "gpt-4.1", "input": "Tell me a story."},
    "message with text and image": {"model": "gpt-4.1", "input": [{
        "role": "user", "content": [
            {"type": "input_text", "text": "What is in this image?"},
            {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "auto"}]}]},
    "function tool, strict JSON schema": {"model": "gpt-4.1", "input": "Weather in Paris?",
        "tools": [{"type": "function", "name": "get_weather", "strict": True,
                   "description": "Current weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                  "required": ["city"], "additionalProperties": False}}],
        "tool_choice": "auto"},
    "reasoning effort": {"model": "o3", "input": "2+2?", "reasoning": {"effort": "high"}},
    "text.format json_schema": {"model": "gpt-4.1", "input": "A person",
        "text": {"format": {"type": "json_schema", "name": "person", "strict": True,
                            "schema": {"type": "object", "properties": {"name": {"type": "string"}},
                                       "required": ["name"], "additionalProperties": False}}}},
    "previous_response_id": {"model": "gpt-4.1", "input": "And then?",
                             "previous_response_id": "resp_123"},
    "include": {"model": "gpt-4.1", "input": "Hi", "include": ["reasoning.encrypted_content"],
                "store": False},
    "metadata": {"model": "gpt-4.1", "input": "Hi", "metadata": {"user": "u1", "run": "7"},
                 "temperature": 0.2, "tool_choice": {"type": "function", "name": "f"},
                 "tools": [{"type": "function", "name": "f", "strict": None, "parameters": None}]},
}

INVALID: dict[str, dict[str, Any]] = {
    "tool_choice sometimes": {"model": "gpt-4.1", "input": "Hi", "tool_choice": "sometimes"},
    "reasoning.effort ultra": {"model": "o3", "input": "Hi", "reasoning": {"effort": "ultra"}},
    "role usr": {"model": "gpt-4.1", "input": [{"role": "usr", "content": "Hi"}]},
    "text.verbosity loud": {"model": "gpt-4.1", "input": "Hi", "text": {"verbosity": "loud"}},
}
