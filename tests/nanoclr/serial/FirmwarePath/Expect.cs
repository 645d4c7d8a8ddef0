using System;

namespace EsWifi.FirmwarePath
{
    /// <summary>A step of a scenario.</summary>
    internal delegate void Step();

    /// <summary>Checks that end a scenario with a message naming what differed.</summary>
    internal static class Expect
    {
        internal static void True(bool condition, string what)
        {
            if (!condition)
            {
                throw new Exception("expected " + what);
            }
        }

        internal static void Equal(string expected, string actual, string what)
        {
            if (expected != actual)
            {
                throw new Exception(what + ": expected '" + expected + "', got '" + actual + "'");
            }
        }

        internal static void Equal(int expected, int actual, string what)
        {
            if (expected != actual)
            {
                throw new Exception(what + ": expected " + expected.ToString() + ", got " + actual.ToString());
            }
        }

        /// <summary>Runs <paramref name="step"/>, which must throw an <see cref="EsWifiException"/> of <paramref name="kind"/>; returns it.</summary>
        internal static EsWifiException Fails(EsWifiErrorKind kind, Step step, string what)
        {
            try
            {
                step();
            }
            catch (EsWifiException e)
            {
                if (e.Kind != kind)
                {
                    throw new Exception(what + ": expected error kind " + ((int)kind).ToString() + ", got " + ((int)e.Kind).ToString() + " (" + e.Message + ")");
                }

                return e;
            }

            throw new Exception(what + ": expected error kind " + ((int)kind).ToString() + ", it worked");
        }

        /// <summary>The bytes read back equal the bytes sent.</summary>
        internal static void Same(byte[] sent, byte[] received, int count, string what)
        {
            int at = Pattern.FirstDifference(sent, received, count);
            if (at >= 0)
            {
                throw new Exception(what + ": byte " + at.ToString() + " of " + count.ToString() + " differs");
            }
        }
    }
}
