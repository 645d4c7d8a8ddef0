using System;

namespace EsWifi
{
    /// <summary>
    /// A module firmware version such as <c>C3.5.2.5.STM</c> or <c>C6.2.1.8</c>: four numbers after the
    /// leading letter, then an optional build tag (<c>STM</c>, <c>BETA9</c>). Comparable by its numbers.
    /// </summary>
    public sealed class FirmwareVersion
    {
        private FirmwareVersion(string text, int major, int minor, int patch, int build, string tag)
        {
            Text = text;
            Major = major;
            Minor = minor;
            Patch = patch;
            Build = build;
            Tag = tag;
        }

        /// <summary>The version as the module reports it.</summary>
        public string Text { get; }

        /// <summary>First number (3 in C3.5.2.5).</summary>
        public int Major { get; }

        /// <summary>Second number.</summary>
        public int Minor { get; }

        /// <summary>Third number.</summary>
        public int Patch { get; }

        /// <summary>Fourth number.</summary>
        public int Build { get; }

        /// <summary>The text after the fourth number (<c>STM</c>, <c>BETA9</c>), or an empty string.</summary>
        public string Tag { get; }

        /// <summary>Parses a firmware field of <c>I?</c>.</summary>
        /// <param name="text">For example <c>C3.5.2.5.STM</c>.</param>
        /// <returns>The version.</returns>
        public static FirmwareVersion Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            int position = text.Length > 0 && (text[0] < '0' || text[0] > '9') ? 1 : 0;
            int[] numbers = new int[4];
            for (int i = 0; i < 4; i++)
            {
                int start = position;
                int value = 0;
                while (position < text.Length && text[position] >= '0' && text[position] <= '9' && position - start < 6)
                {
                    value = (value * 10) + (text[position] - '0');
                    position++;
                }

                if (position == start)
                {
                    throw new FormatException("not a firmware version: " + text);
                }

                numbers[i] = value;
                if (i < 3)
                {
                    if (position >= text.Length || text[position] != '.')
                    {
                        throw new FormatException("not a firmware version: " + text);
                    }

                    position++;
                }
            }

            string tag = position < text.Length && text[position] == '.' ? text.Substring(position + 1) : text.Substring(position);
            return new FirmwareVersion(text, numbers[0], numbers[1], numbers[2], numbers[3], tag);
        }

        /// <summary>Compares the four numbers; the tag is ignored.</summary>
        /// <param name="major">First number.</param>
        /// <param name="minor">Second number.</param>
        /// <param name="patch">Third number.</param>
        /// <param name="build">Fourth number.</param>
        /// <returns>Negative, zero or positive as this version is lower, equal or higher.</returns>
        public int CompareTo(int major, int minor, int patch, int build)
        {
            if (Major != major)
            {
                return Major < major ? -1 : 1;
            }

            if (Minor != minor)
            {
                return Minor < minor ? -1 : 1;
            }

            if (Patch != patch)
            {
                return Patch < patch ? -1 : 1;
            }

            return Build == build ? 0 : Build < build ? -1 : 1;
        }

        /// <summary>Compares with another version by the four numbers.</summary>
        /// <param name="other">The other version.</param>
        /// <returns>Negative, zero or positive.</returns>
        public int CompareTo(FirmwareVersion other)
        {
            if (other == null)
            {
                throw new ArgumentNullException(nameof(other));
            }

            return CompareTo(other.Major, other.Minor, other.Patch, other.Build);
        }

        /// <summary>True when this version is the given one or newer.</summary>
        /// <param name="major">First number.</param>
        /// <param name="minor">Second number.</param>
        /// <param name="patch">Third number.</param>
        /// <param name="build">Fourth number.</param>
        /// <returns>Whether this version is at least the given one.</returns>
        public bool IsAtLeast(int major, int minor, int patch, int build)
        {
            return CompareTo(major, minor, patch, build) >= 0;
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return Text;
        }
    }
}
