using System.Text;

namespace OpMock.Core.Server;

/// <summary>
/// How request header values are read: UTF-8 when they are UTF-8, else Latin-1 (what Python's and Java's
/// clients send for a non-ASCII value). Kestrel reads UTF-8 only and answers anything else with a bare 400 and no
/// body, before any middleware sees the request; read this way, the request reaches the gate and gets OpMock's
/// answer in the house envelope. (NUL and other bytes Kestrel refuses whatever the encoding still get its bare 400.)
/// </summary>
internal sealed class HeaderEncoding : Encoding
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly HeaderEncoding Instance = new();

    public override int GetByteCount(char[] chars, int index, int count) => Utf8.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Utf8.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) => Of(bytes, index, count).GetCharCount(bytes, index, count);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        Of(bytes, byteIndex, byteCount).GetChars(bytes, byteIndex, byteCount, chars, charIndex);

    public override int GetMaxByteCount(int charCount) => Utf8.GetMaxByteCount(charCount);

    // Latin-1 gives one char a byte, UTF-8 at most that many.
    public override int GetMaxCharCount(int byteCount) => byteCount;

    private static Encoding Of(byte[] bytes, int index, int count) =>
        System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(index, count)) ? Utf8 : Latin1;
}
