using PumpWatch.Core.Readings;

namespace PumpWatch.Core.Windows;

/// <summary>
/// One pump's window state as one base64 string, for the Lambda's per-shard state map (string to string,
/// at most 1 MB per shard).
/// </summary>
/// <remarks>
/// Layout (version 3): version byte; newest event time; end of the newest closed window; the stream time at the pump's
/// newest reading (how long it has been idle); the start of a reported silence; the recent sampling gaps; the open panes,
/// each with start, end, reading count, whether its bounds are an arrival window, the timestamps seen, and its sensors; then the panes held by a sliding window.
/// A sensor is its name, its count, eleven doubles (mean, M2, M3, M4, min, max, first value, last value, time mean,
/// time M2, time-value co-moment) and first and last time as deltas from the pane start.
/// <para>
/// The timestamps (kept so that a redelivered reading is a duplicate, not a second reading) are written as runs of
/// equal gaps: (gap, repeat) pairs over the sorted times. A pump sampling at a steady rate is one run whatever the
/// window's length, so the state stays bounded for any window the event source mapping allows (60 s to 900 s).
/// Measured with four sensors at 1 Hz: 696 characters at 60 s, 712 at 300 s and 900 s (about 1,360 pumps in one
/// shard's 1 MB); version 2 wrote one delta per reading and grew from 840 to 4,200 characters. Timestamps jittered by
/// +/-20 ms fall back towards one pair per reading: 1,012 / 2,308 / 5,508 characters (about 970 / 430 / 180 pumps per
/// shard); the Lambda host's state-size guard covers that case.
/// </para>
/// </remarks>
internal static class PumpStateCodec
{
    private const byte Version = 3;

    public static string Encode(PumpWindows pump, SensorCatalog catalog)
    {
        // 1 KB holds a pump with four sensors and one open pane (about 530 bytes); the writer grows past it.
        var writer = new StateBytesWriter(1024);
        try
        {
            writer.Write(Version);
            writer.Write(pump.MaxSeen);
            writer.Write(pump.ClosedThrough);
            writer.Write(pump.StreamTimeAtLast);
            writer.Write(pump.SilentSince);
            writer.Write7BitEncodedInt(pump.Interval.Count);
            for (var i = 0; i < pump.Interval.Count; i++)
            {
                writer.Write7BitEncodedInt64(pump.Interval.Gap(i));
            }

            writer.Write7BitEncodedInt(pump.Open.Count);
            foreach (var pane in pump.Open)
            {
                WriteHeader(ref writer, pane.Aggregate);
                writer.Write(pane.ByArrival);
                WriteTimes(ref writer, pane.Start, pane.Timestamps.Sorted);
                WriteSensors(ref writer, pane.Aggregate, catalog);
            }

            writer.Write7BitEncodedInt(pump.Sliding.Count);
            foreach (var aggregate in pump.Sliding.Panes())
            {
                WriteHeader(ref writer, aggregate);
                WriteSensors(ref writer, aggregate, catalog);
            }

            return Convert.ToBase64String(writer.Written);
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static void Decode(string text, PumpWindows pump, SensorCatalog catalog, Func<Pane> rentPane)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"pump {pump.PumpId}: window state is not base64: {e.Message}", e);
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new FormatException($"pump {pump.PumpId}: window state version {version}, expected {Version}");
            }

            pump.MaxSeen = reader.ReadInt64();
            pump.ClosedThrough = reader.ReadInt64();
            pump.StreamTimeAtLast = reader.ReadInt64();
            pump.SilentSince = reader.ReadInt64();
            var gaps = reader.Read7BitEncodedInt();
            if (gaps > SamplingInterval.Size)
            {
                throw new FormatException($"pump {pump.PumpId}: window state holds {gaps} sampling gaps, at most {SamplingInterval.Size} expected");
            }

            for (var i = 0; i < gaps; i++)
            {
                pump.Interval.Add(reader.Read7BitEncodedInt64());
            }

            var open = reader.Read7BitEncodedInt();
            for (var i = 0; i < open; i++)
            {
                var pane = rentPane();
                var (start, end, count) = ReadHeader(reader);
                pane.Reset(pump.PumpId, start, end, byArrival: reader.ReadBoolean());
                ReadTimes(reader, start, pane.Timestamps, pump.PumpId);
                ReadSensors(reader, pane.Aggregate, catalog);
                pane.Aggregate.Count = count;
                pump.Insert(pane);
            }

            var sliding = reader.Read7BitEncodedInt();
            var scratch = new WindowAggregate();
            for (var i = 0; i < sliding; i++)
            {
                var (start, end, count) = ReadHeader(reader);
                scratch.Reset(pump.PumpId, start, end);
                ReadSensors(reader, scratch, catalog);
                scratch.Count = count;
                pump.Sliding.Push(scratch);
            }

            if (reader.BaseStream.Position != bytes.Length)
            {
                throw new FormatException($"pump {pump.PumpId}: window state has {bytes.Length - reader.BaseStream.Position} trailing bytes");
            }
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException($"pump {pump.PumpId}: window state is truncated", e);
        }
    }

    // Sorted times: the first as a zigzag delta from the pane start (an arrival window's readings may precede it), then
    // the gaps as (gap, repeat) runs: 0, 1, 2, ... 59 s from the start is 0, then (1 s, 59).
    private static void WriteTimes(ref StateBytesWriter writer, long start, ReadOnlySpan<long> times)
    {
        writer.Write7BitEncodedInt(times.Length);
        if (times.Length == 0)
        {
            return;
        }

        var first = times[0] - start;
        writer.Write7BitEncodedInt64((first << 1) ^ (first >> 63));
        var runs = 0;
        for (var i = 1; i < times.Length; i++)
        {
            if (i == 1 || times[i] - times[i - 1] != times[i - 1] - times[i - 2])
            {
                runs++;
            }
        }

        writer.Write7BitEncodedInt(runs);
        for (var i = 1; i < times.Length;)
        {
            var gap = times[i] - times[i - 1];
            var repeat = 1;
            while (i + repeat < times.Length && times[i + repeat] - times[i + repeat - 1] == gap)
            {
                repeat++;
            }

            writer.Write7BitEncodedInt64(gap);
            writer.Write7BitEncodedInt(repeat);
            i += repeat;
        }
    }

    private static void ReadTimes(BinaryReader reader, long start, TimestampSet times, string pumpId)
    {
        var count = reader.Read7BitEncodedInt();
        if (count == 0)
        {
            return;
        }

        var zigzag = reader.Read7BitEncodedInt64();
        var previous = start + ((long)((ulong)zigzag >> 1) ^ -(zigzag & 1));
        times.Add(previous);
        var runs = reader.Read7BitEncodedInt();
        for (var r = 0; r < runs; r++)
        {
            var gap = reader.Read7BitEncodedInt64();
            var repeat = reader.Read7BitEncodedInt();
            if (gap <= 0 || repeat < 1 || times.Count + repeat > count)
            {
                throw new FormatException($"pump {pumpId}: window state has an invalid timestamp run ({gap}, {repeat})");
            }

            for (var k = 0; k < repeat; k++)
            {
                previous += gap;
                times.Add(previous);
            }
        }

        if (times.Count != count)
        {
            throw new FormatException($"pump {pumpId}: window state lists {times.Count} timestamps, its header {count}");
        }
    }

    private static void WriteHeader(ref StateBytesWriter writer, WindowAggregate aggregate)
    {
        writer.Write(aggregate.Start);
        writer.Write7BitEncodedInt64(aggregate.End - aggregate.Start);
        writer.Write7BitEncodedInt(aggregate.Count);
    }

    private static (long Start, long End, int Count) ReadHeader(BinaryReader reader)
    {
        var start = reader.ReadInt64();
        var end = start + reader.Read7BitEncodedInt64();
        return (start, end, reader.Read7BitEncodedInt());
    }

    private static void WriteSensors(ref StateBytesWriter writer, WindowAggregate aggregate, SensorCatalog catalog)
    {
        var sensors = aggregate.Sensors;
        var present = 0;
        foreach (var s in sensors)
        {
            present += s.Count > 0 ? 1 : 0;
        }

        writer.Write7BitEncodedInt(present);
        for (var i = 0; i < sensors.Length; i++)
        {
            ref readonly var s = ref sensors[i];
            if (s.Count == 0)
            {
                continue;
            }

            writer.Write(catalog[i].Name);
            writer.Write7BitEncodedInt64(s.Count);
            writer.Write(s.Mean);
            writer.Write(s.M2);
            writer.Write(s.M3);
            writer.Write(s.M4);
            writer.Write(s.Min);
            writer.Write(s.Max);
            writer.Write7BitEncodedInt64(s.FirstTime - aggregate.Start);
            writer.Write(s.FirstValue);
            writer.Write7BitEncodedInt64(s.LastTime - aggregate.Start);
            writer.Write(s.LastValue);
            writer.Write(s.MeanT);
            writer.Write(s.M2T);
            writer.Write(s.CoTV);
        }
    }

    private static void ReadSensors(BinaryReader reader, WindowAggregate aggregate, SensorCatalog catalog)
    {
        var present = reader.Read7BitEncodedInt();
        for (var k = 0; k < present; k++)
        {
            var name = reader.ReadString();
            var index = catalog.GetOrAdd(name);
            if (index < 0)
            {
                throw new FormatException($"window state names sensor {name} beyond the catalog limit of {SensorCatalog.MaxSensors}");
            }

            aggregate.EnsureWidth(index + 1);
            ref var s = ref aggregate.Sensors[index];
            s.Count = reader.Read7BitEncodedInt64();
            s.Mean = reader.ReadDouble();
            s.M2 = reader.ReadDouble();
            s.M3 = reader.ReadDouble();
            s.M4 = reader.ReadDouble();
            s.Min = reader.ReadDouble();
            s.Max = reader.ReadDouble();
            s.FirstTime = aggregate.Start + reader.Read7BitEncodedInt64();
            s.FirstValue = reader.ReadDouble();
            s.LastTime = aggregate.Start + reader.Read7BitEncodedInt64();
            s.LastValue = reader.ReadDouble();
            s.MeanT = reader.ReadDouble();
            s.M2T = reader.ReadDouble();
            s.CoTV = reader.ReadDouble();
        }
    }
}
