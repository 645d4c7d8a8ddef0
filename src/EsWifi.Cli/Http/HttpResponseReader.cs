using System.Globalization;
using System.Text;
using EsWifi.Cli.Infrastructure;

namespace EsWifi.Cli.Http;

/// <summary>
/// Reads one HTTP/1.1 response as it arrives: the head first (at most <see cref="MaxHeadBytes"/>),
/// then the body handed on piece by piece, framed by <c>Content-Length</c>, by chunked encoding, or
/// by the server's close when it has neither. It stops when the body is complete, without waiting
/// for the server to close a kept-alive connection, and keeps none of the body. A response that
/// breaks HTTP (a head that never ends, a length that is no number, a bad chunk, a body cut short)
/// ends in a <see cref="FormatException"/> that says which.
/// </summary>
public sealed class HttpResponseReader
{
    /// <summary>The largest response head accepted: status line and headers.</summary>
    public const int MaxHeadBytes = 64 * 1024;

    // Chunk sizes above this are not believed (a lying server; 1 TiB).
    private const long MaxChunk = 1L << 40;

    private readonly Func<byte[], int, int, int> _read;
    private readonly byte[] _buffer = new byte[MaxHeadBytes + 4];
    private int _start;
    private int _count;

    /// <param name="read">Reads up to the count into the buffer at the offset; 0 at the server's close.</param>
    public HttpResponseReader(Func<byte[], int, int, int> read) => _read = read;

    /// <summary>Bytes read from the connection so far, head included.</summary>
    public long Received { get; private set; }

    /// <summary>Reads and parses the head; the body's first bytes may already be in the buffer.</summary>
    public HttpResponseHead ReadHead()
    {
        int end;
        while ((end = _buffer.AsSpan(0, _count).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_count == MaxHeadBytes)
            {
                throw new FormatException("the response head is longer than " + (MaxHeadBytes / 1024) + " KiB");
            }

            int n = Fill(_count, MaxHeadBytes - _count);
            if (n == 0)
            {
                throw new FormatException(_count == 0 ? "the server closed without answering" : "the server closed before the end of the response head (" + _count + " bytes)");
            }
        }

        _start = end + 4;
        return HttpResponseHead.Parse(Encoding.Latin1.GetString(_buffer, 0, end));
    }

    /// <summary>
    /// Hands the body to <paramref name="write"/> as it arrives (no body for a HEAD request, 1xx,
    /// 204 and 304) and returns its length. <paramref name="progress"/> gets the bytes so far.
    /// </summary>
    public long CopyBody(HttpResponseHead head, Action<byte[], int, int> write, Action<long> progress)
    {
        if (head.Status < 200 || head.Status == 204 || head.Status == 304)
        {
            return 0;
        }

        if (head.Chunked)
        {
            return CopyChunked(write, progress);
        }

        if (head.ContentLength >= 0)
        {
            long copied = Copy(head.ContentLength, write, progress);
            if (copied < head.ContentLength)
            {
                throw new FormatException("the body ended after " + copied + " of " + head.ContentLength + " bytes (Content-Length)");
            }

            return copied;
        }

        return Copy(long.MaxValue, write, progress);
    }

    /// <summary>Copies up to <paramref name="limit"/> bytes, or to the close; returns how many.</summary>
    private long Copy(long limit, Action<byte[], int, int> write, Action<long> progress, long before = 0)
    {
        long copied = 0;
        while (copied < limit)
        {
            if (_start == _count && !Refill())
            {
                break;
            }

            int n = (int)Math.Min(_count - _start, limit - copied);
            write(_buffer, _start, n);
            _start += n;
            copied += n;
            progress(before + copied);
        }

        return copied;
    }

    private long CopyChunked(Action<byte[], int, int> write, Action<long> progress)
    {
        long total = 0;
        while (true)
        {
            string line = ReadLine("a chunk size");
            string digits = line.Split(';')[0].Trim();
            if (digits.Length == 0 || digits.Length > 16 || !long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size) || size < 0 || size > MaxChunk)
            {
                throw new FormatException("a chunked body has a bad chunk size: " + Printable.Of(digits.Length > 40 ? digits.Substring(0, 40) + "..." : digits));
            }

            if (size == 0)
            {
                // Trailer fields, up to the empty line.
                while (ReadLine("the chunked body's trailer").Length > 0)
                {
                }

                return total;
            }

            long copied = Copy(size, write, progress, total);
            total += copied;
            if (copied < size)
            {
                throw new FormatException("a chunked body broke off inside a chunk (" + copied + " of " + size + " bytes)");
            }

            if (ReadLine("the end of a chunk").Length != 0)
            {
                throw new FormatException("a chunk is longer than its size says");
            }
        }
    }

    /// <summary>A CR LF terminated line of the framing (bounded), without its CR LF.</summary>
    private string ReadLine(string what)
    {
        while (true)
        {
            int end = _buffer.AsSpan(_start, _count - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                string line = Encoding.Latin1.GetString(_buffer, _start, end);
                _start += end + 2;
                return line;
            }

            if (_count - _start >= 1024)
            {
                throw new FormatException(what + " is longer than 1 KiB");
            }

            if (!Refill())
            {
                throw new FormatException("the server closed inside " + what);
            }
        }
    }

    /// <summary>Moves what is unread to the buffer's start and reads more; false at the server's close.</summary>
    private bool Refill()
    {
        int left = _count - _start;
        Array.Copy(_buffer, _start, _buffer, 0, left);
        _start = 0;
        _count = left;
        return Fill(_count, _buffer.Length - _count) > 0;
    }

    private int Fill(int at, int room)
    {
        int n = _read(_buffer, at, Math.Min(room, 16 * 1024));
        _count += n;
        Received += n;
        return n;
    }
}
