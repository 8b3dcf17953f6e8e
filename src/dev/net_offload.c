#include "dev/net_offload.h"

#include <string.h>

#define ETH_HLEN 14
#define ETHERTYPE_IPV4 0x0800
#define IPPROTO_TCP_NUM 6
#define TCP_FIN 0x01
#define TCP_PSH 0x08
#define TCP_CWR 0x80

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

uint32_t net_csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    uint64_t s = sum;
    size_t i = 0;
    for (; i + 1 < len; i += 2)
        s += get16(p + i);
    if (i < len)
        s += (uint32_t)p[i] << 8;
    while (s >> 32)
        s = (s & 0xffffffffu) + (s >> 32);
    return (uint32_t)s;
}

uint16_t net_csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

bool net_csum_complete(uint8_t *frame, size_t len, size_t start, size_t off)
{
    if (start > len || off > len - start || len - start - off < 2)
        return false;
    uint16_t c = (uint16_t)~net_csum_fold(net_csum_add(0, frame + start, len - start));
    put16(frame + start + off, c);
    return true;
}

/* Offsets of the IP and TCP headers and where the payload starts; false if not TCP/IPv4. */
static bool tcp4_layout(const uint8_t *f, size_t len, size_t *ip_hl, size_t *hdrs)
{
    if (len < ETH_HLEN + 20 || get16(f + 12) != ETHERTYPE_IPV4)
        return false;
    const uint8_t *ip = f + ETH_HLEN;
    size_t ihl = (size_t)(ip[0] & 0xf) * 4;
    if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != IPPROTO_TCP_NUM || len < ETH_HLEN + ihl + 20)
        return false;
    size_t thl = (size_t)(f[ETH_HLEN + ihl + 12] >> 4) * 4;
    if (thl < 20 || len < ETH_HLEN + ihl + thl)
        return false;
    *ip_hl = ihl;
    *hdrs = ETH_HLEN + ihl + thl;
    return true;
}

/* Fills in the IP total length and both checksums of a frame whose headers are in place. */
static void tcp4_finish(uint8_t *f, size_t ihl, size_t len)
{
    uint8_t *ip = f + ETH_HLEN, *tcp = ip + ihl;
    size_t tcp_len = len - ETH_HLEN - ihl;
    put16(ip + 2, (uint16_t)(len - ETH_HLEN));
    put16(ip + 10, 0);
    put16(ip + 10, (uint16_t)~net_csum_fold(net_csum_add(0, ip, ihl)));
    uint8_t pseudo[12];
    memcpy(pseudo, ip + 12, 8); /* source and destination addresses */
    pseudo[8] = 0;
    pseudo[9] = IPPROTO_TCP_NUM;
    put16(pseudo + 10, (uint16_t)tcp_len);
    put16(tcp + 16, 0);
    uint32_t sum = net_csum_add(net_csum_add(0, pseudo, sizeof(pseudo)), tcp, tcp_len);
    put16(tcp + 16, (uint16_t)~net_csum_fold(sum));
}

bool net_tso4_segment(const uint8_t *frame, size_t len, unsigned mss, uint8_t *scratch,
                      size_t scratch_len, net_emit_fn emit, void *opaque)
{
    size_t ihl, hdrs;
    if (mss == 0 || !tcp4_layout(frame, len, &ihl, &hdrs) || scratch_len < hdrs + mss)
        return false;
    const uint8_t *ip = frame + ETH_HLEN, *tcp = ip + ihl;
    uint16_t id = get16(ip + 4);
    uint32_t seq = get32(tcp + 4);
    uint8_t flags = tcp[13];
    size_t payload = len - hdrs, off = 0;
    unsigned i = 0;
    do {
        size_t seg = payload - off < mss ? payload - off : mss;
        bool last = off + seg == payload;
        memcpy(scratch, frame, hdrs);
        memcpy(scratch + hdrs, frame + hdrs + off, seg);
        uint8_t *sip = scratch + ETH_HLEN, *stcp = sip + ihl;
        put16(sip + 4, (uint16_t)(id + i));
        put32(stcp + 4, seq + (uint32_t)off);
        stcp[13] = (uint8_t)(flags & ~(last ? 0 : TCP_FIN | TCP_PSH) & ~(i ? TCP_CWR : 0));
        tcp4_finish(scratch, ihl, hdrs + seg);
        emit(opaque, scratch, hdrs + seg);
        off += seg;
        i++;
    } while (off < payload);
    return true;
}

bool net_tcp4_checksum(uint8_t *frame, size_t len)
{
    size_t ihl, hdrs;
    if (len - ETH_HLEN > 65535 || !tcp4_layout(frame, len, &ihl, &hdrs))
        return false;
    tcp4_finish(frame, ihl, len);
    return true;
}
