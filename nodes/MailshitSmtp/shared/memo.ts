/**
 * A map that creates each value on first use and, when bounded, forgets the least recently used
 * entry first. Every per-execution cache of the node is one of these, so "compiled once per
 * distinct template", "one lookup per domain" and "at most N kept" read the same everywhere.
 * Holding a promise as the value makes concurrent callers share one computation in flight.
 */
export class Memo<K, V> {
	private readonly entries = new Map<K, V>();

	constructor(private readonly maxSize = Infinity) {}

	get(key: K, create: () => V): V {
		const entries = this.entries;
		if (entries.has(key)) {
			const value = entries.get(key) as V;
			if (this.maxSize !== Infinity) {
				// Map keeps insertion order: re-inserting makes this the most recently used
				entries.delete(key);
				entries.set(key, value);
			}
			return value;
		}
		const value = create();
		entries.set(key, value);
		if (entries.size > this.maxSize) entries.delete(entries.keys().next().value as K);
		return value;
	}

	delete(key: K): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}
}
