// Registry: see ComponentRegistry.swift
