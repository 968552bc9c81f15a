using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PumpWatch.Core.Windows;

/// <summary>
/// Writes the bytes <see cref="BinaryWriter"/> writes for the same calls (little-endian integers and doubles, 7-bit
/// encoded lengths, strings as their UTF-8 length and bytes) into a pooled buffer, so that encoding a pump's state
/// allocates only the resulting string: the state codec ran once per pump on every invocation through a
/// <see cref="MemoryStream"/>, a writer and a copy of the bytes.
/// </summary>
internal ref struct StateBytesWriter
{
    private byte[] _buffer;
    private int _length;

    public StateBytesWriter(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Write(byte value) => Reserve(1)[0] = value;

    public void Write(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    public void Write(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void Write(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void Write7BitEncodedInt(int value) => Write7BitEncodedInt64((uint)value);

    public void Write7BitEncodedInt64(long value)
    {
        var rest = (ulong)value;
        var span = Reserve(10);
        var n = 0;
        while (rest >= 0x80)
        {
            span[n++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        span[n++] = (byte)rest;
        _length -= 10 - n;
    }

    public void Write(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        Write7BitEncodedInt(bytes);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
    }

    /// <summary>Returns the buffer to the pool; the writer is not used after.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
