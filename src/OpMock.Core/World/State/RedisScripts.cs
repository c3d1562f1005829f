namespace OpMock.Core.World.State;

/// <summary>
/// The Lua scripts of <see cref="RedisStateStore"/>: each call of the store is one script, so it is atomic (Redis runs
/// a script alone) and one round trip. StackExchange.Redis sends a script's text once and then only its SHA1.
/// </summary>
/// <remarks>
/// Keys, under a prefix naming the world (<see cref="StateNamespace"/>: seed, docs and fixtures):
/// <list type="bullet">
/// <item>`P:clock` — the version counter of every session (a string). Started from the time in ms × 1000 when
/// absent, so versions grow across a Redis restart, and a replica's cache never mistakes a new state for an old one.</item>
/// <item>`P:sessions` — sorted set of session names by last use (ms): the session bound, eviction and listing.</item>
/// <item>`P:s:NAME:meta` — hash: `v` version, `sc` default scenario, `u` last use (ms), `n` records, `w` writes,
/// `seq` the id sequence, `c:COLLECTION` records per collection.</item>
/// <item>`P:s:NAME:recs` — hash: one field per record (collection, id) the session holds.</item>
/// <item>`P:s:NAME:data` — hash: one field per (collection, id, field), its value the JSON text.</item>
/// <item>`P:bytes` — hash: what each session's changes hold (<see cref="StateBudget"/>'s measure, counted in the
/// scripts), outside the session's own keys so bytes of a session whose keys expired can still be given back.</item>
/// <item>`P:total` — what all sessions' changes hold together: the budget of all sessions.</item>
/// </list>
/// Versions (16 digits) travel as text: Lua's numbers print with 14 significant digits, so they are never written
/// back from a Lua number. Every key of a session expires after the idle time and is renewed when the session is used (at most once a
/// second by reads). Idleness is also judged by OpMock's clock (`u`), so a session is gone after the idle time
/// whichever comes first. Sessions' keys other than the caller's are named inside scripts: a standalone Redis (or a
/// primary with replicas), not Redis Cluster.
/// </remarks>
internal static class RedisScripts
{
    // ARGV[1] now (ms), ARGV[2] idle (ms), ARGV[3] session, ARGV[4] key prefix. KEYS[1] meta, KEYS[2] recs, KEYS[3] data, KEYS[4] sessions.
    private const string Common = """
        local now, idle, session, prefix = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
        local bytesKey, totalKey = prefix .. 'bytes', prefix .. 'total'
        local function keys(name) local s = prefix .. 's:' .. name .. ':' return s .. 'meta', s .. 'recs', s .. 'data' end
        -- A session's bytes back to the budget of all sessions (dropped, reset, or its keys expired in Redis).
        local function giveBack(name)
          local held = tonumber(redis.call('HGET', bytesKey, name) or '0')
          redis.call('HDEL', bytesKey, name)
          if held ~= 0 and redis.call('DECRBY', totalKey, held) < 0 then redis.call('DEL', totalKey) end
        end
        local function drop(name)
          local m, r, d = keys(name)
          giveBack(name)
          redis.call('DEL', m, r, d)
          redis.call('ZREM', KEYS[4], name)
        end
        local function live()
          local used = redis.call('HGET', KEYS[1], 'u')
          if not used then giveBack(session) return false end
          if now - tonumber(used) >= idle then drop(session) return false end
          return true
        end
        -- Records partly gone (a Redis whose maxmemory-policy evicted some of the session's keys): the meta's count
        -- and the records disagree, or records outlive their meta. Such a session is dropped and answered as lost.
        local function broken()
          local m = redis.call('HMGET', KEYS[1], 'u', 'n')
          if not m[1] then return redis.call('EXISTS', KEYS[2], KEYS[3]) > 0 end
          local n = tonumber(m[2] or '0')
          if redis.call('HLEN', KEYS[2]) ~= n then return true end
          return n > 0 and redis.call('EXISTS', KEYS[3]) == 0
        end
        local function touch()
          redis.call('HSET', KEYS[1], 'u', ARGV[1])
          for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], idle) end
          redis.call('ZADD', KEYS[4], now, session)
          for _, key in ipairs({KEYS[4], bytesKey, totalKey}) do redis.call('PEXPIRE', key, idle) end
        end
        -- A session to write to: held already, or room made (expired ones dropped, else the one idle longest if idle
        -- at least ARGV[6] ms), or false when the ARGV[5] bound holds.
        local function admit()
          if live() then return true end
          local limit, evictAfter = tonumber(ARGV[5]), tonumber(ARGV[6])
          if redis.call('ZCARD', KEYS[4]) >= limit then
            for _, name in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - idle)) do drop(name) end
          end
          if redis.call('ZCARD', KEYS[4]) >= limit then
            local oldest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
            if now - tonumber(oldest[2]) < evictAfter then return false end
            drop(oldest[1])
          end
          return true
        end

        """;

    /// <summary>→ {version, scenario}; {0} for a session not held; {'lost'} for one whose records were partly evicted (dropped now). Renews the session's keys at most once a second.</summary>
    public const string Head = Common + """
        if broken() then drop(session) return {'lost'} end
        local m = redis.call('HMGET', KEYS[1], 'v', 'sc', 'u')
        if not m[3] then return {0} end
        if now - tonumber(m[3]) >= idle then drop(session) return {0} end
        if now - tonumber(m[3]) >= 1000 then touch() end
        return {m[1] or '0', m[2]}
        """;

    /// <summary>→ {version, {field, json, …}}; {0} for a session not held.</summary>
    public const string Read = Common + """
        if broken() then drop(session) return {'lost'} end
        if not live() then return {0} end
        local version = redis.call('HGET', KEYS[1], 'v')
        if not version then return {0} end
        return {version, redis.call('HGETALL', KEYS[3])}
        """;

    /// <summary>
    /// ARGV[5] sessions bound, ARGV[6] evict after (ms), ARGV[7] records bound, ARGV[8] per-collection bound,
    /// ARGV[9] the clock's start (ms × 1000), ARGV[10] the session's byte budget, ARGV[11] the byte budget of all
    /// sessions, then per change from ARGV[12]: collection, record key, field key, JSON, the field's cost before its
    /// value, the record's cost (<see cref="StateBudget"/>); KEYS[5] clock. → {'ok', version, previous version} or
    /// {'full', 'sessions'|'records'|'collection'|'sessionbytes'|'bytes', collection | bytes held, bytes needed}.
    /// Every bound is checked before anything is written: a refused batch changes nothing.
    /// </summary>
    public const string Apply = Common + """
        if broken() then drop(session) return {'lost'} end
        if not admit() then return {'full', 'sessions'} end
        local records, perCollection = tonumber(ARGV[7]), tonumber(ARGV[8])
        local sessionBudget, budget = tonumber(ARGV[10]), tonumber(ARGV[11])
        local m = redis.call('HMGET', KEYS[1], 'n', 'v')
        local n, previous = tonumber(m[1] or '0'), m[2] or '0'
        -- A value's cost as StateBudget counts it: two bytes a character (UTF-8 continuation bytes are not
        -- characters) and its UTF-8 bytes (what Redis holds: #text).
        local function value(text) local _, tail = string.gsub(text, '[\128-\191]', '') return 2 * (#text - tail) + #text end
        local added, fresh, pending, cost = {}, {}, {}, 0
        for i = 12, #ARGV, 6 do
          local collection, record, field, json = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
          local base = tonumber(ARGV[i + 4])
          if not fresh[record] and redis.call('HEXISTS', KEYS[2], record) == 0 then
            fresh[record] = true
            if n >= records then return {'full', 'records'} end
            n = n + 1
            local count = tonumber(redis.call('HGET', KEYS[1], 'c:' .. collection) or '0') + (added[collection] or 0)
            if count >= perCollection then return {'full', 'collection', collection} end
            added[collection] = (added[collection] or 0) + 1
            cost = cost + tonumber(ARGV[i + 5])
          end
          local old = pending[field] or redis.call('HGET', KEYS[3], field)
          if old then cost = cost - base - value(old) end
          cost = cost + base + value(json)
          pending[field] = json
        end
        local held = tonumber(redis.call('HGET', bytesKey, session) or '0')
        if cost > 0 and held + cost > sessionBudget then return {'full', 'sessionbytes', held, cost} end
        local total = tonumber(redis.call('GET', totalKey) or '0')
        if cost > 0 and total + cost > budget then
          -- Sessions whose keys expired still count until dropped: drop them, then judge again.
          for _, name in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - idle)) do drop(name) end
          total = tonumber(redis.call('GET', totalKey) or '0')
          if total + cost > budget then return {'full', 'bytes', total, cost} end
        end
        for i = 12, #ARGV, 6 do
          redis.call('HSET', KEYS[2], ARGV[i + 1], '1')
          redis.call('HSET', KEYS[3], ARGV[i + 2], ARGV[i + 3])
        end
        for collection, count in pairs(added) do redis.call('HINCRBY', KEYS[1], 'c:' .. collection, count) end
        if cost ~= 0 then
          redis.call('HINCRBY', bytesKey, session, cost)
          redis.call('INCRBY', totalKey, cost)
        end
        if redis.call('EXISTS', KEYS[5]) == 0 then redis.call('SET', KEYS[5], ARGV[9]) end
        redis.call('INCR', KEYS[5])
        local version = redis.call('GET', KEYS[5])
        redis.call('PEXPIRE', KEYS[5], idle)
        redis.call('HSET', KEYS[1], 'v', version, 'n', n)
        redis.call('HINCRBY', KEYS[1], 'w', 1)
        touch()
        return {'ok', version, previous}
        """;

    /// <summary>ARGV[5] sessions bound, ARGV[6] evict after (ms), ARGV[7] how many. → {'ok', first} or {'full', 'sessions'}.</summary>
    public const string Sequence = Common + """
        if broken() then drop(session) return {'lost'} end
        if not admit() then return {'full', 'sessions'} end
        local last = redis.call('HINCRBY', KEYS[1], 'seq', ARGV[7])
        touch()
        return {'ok', last - tonumber(ARGV[7]) + 1}
        """;

    /// <summary>ARGV[5] sessions bound, ARGV[6] evict after (ms), ARGV[7] '1' to set, '0' to clear, ARGV[8] the scenario. → {'ok'} or {'full', 'sessions'}.</summary>
    public const string Scenario = Common + """
        if ARGV[7] == '0' then
          if live() then redis.call('HDEL', KEYS[1], 'sc') touch() end
          return {'ok'}
        end
        if not admit() then return {'full', 'sessions'} end
        redis.call('HSET', KEYS[1], 'sc', ARGV[8])
        touch()
        return {'ok'}
        """;

    /// <summary>Drops what the session changed and its sequence; a default scenario stays. ARGV[3] the session, or '' for all.</summary>
    public const string Reset = Common + """
        local names = session == '' and redis.call('ZRANGE', KEYS[4], 0, -1) or {session}
        for _, name in ipairs(names) do
          local m, r, d = keys(name)
          local scenario = redis.call('HGET', m, 'sc')
          local used = redis.call('HGET', m, 'u')
          giveBack(name)
          redis.call('DEL', m, r, d)
          if scenario and used and now - tonumber(used) < idle then
            redis.call('HSET', m, 'sc', scenario, 'u', used)
            redis.call('PEXPIRE', m, idle)
          else
            redis.call('ZREM', KEYS[4], name)
          end
        end
        if session == '' then redis.call('DEL', bytesKey, totalKey) end
        return {'ok', #names}
        """;

    /// <summary>→ {name, version, records, writes, last use (ms), scenario or false, …} for every live session, by name.</summary>
    public const string List = Common + """
        local out = {}
        for _, name in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
          local m = redis.call('HMGET', prefix .. 's:' .. name .. ':meta', 'v', 'n', 'w', 'u', 'sc')
          if m[4] and now - tonumber(m[4]) < idle then
            for _, value in ipairs({name, m[1] or '0', m[2] or '0', m[3] or '0', m[4]}) do out[#out + 1] = value end
            out[#out + 1] = m[5] or ''
            out[#out + 1] = m[5] and '1' or '0'
          end
        end
        return out
        """;
}
